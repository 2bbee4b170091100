import { createServer, type Server } from 'node:http';

/**
 * A local stand-in for WeChat's jscode2session: code "good-<x>" → openid "openid-<x>",
 * anything else → errcode 40029 as WeChat answers an invalid code. Also answers /cgi-bin/token and
 * subscribe-message sends (recorded; made to fail on demand). Records what it was asked.
 */
export interface WechatStandIn {
  url: string;
  requests: URL[];
  /** Bodies of subscribe-message sends, in order. */
  sends: Array<{ touser: string; template_id: string; page: string; data: Record<string, { value: string }> }>;
  /** Set to make subscribe sends fail with this errcode. */
  failSendsWith: number | null;
  /** 'hang': deliver (record) the send, then never answer (the sender times out); 'cut': deliver, then drop the connection. */
  afterDelivery: 'answer' | 'hang' | 'cut';
  close: () => Promise<void>;
}

export async function startWechatStandIn(): Promise<WechatStandIn> {
  const requests: URL[] = [];
  const state: WechatStandIn = { url: '', requests, sends: [], failSendsWith: null, afterDelivery: 'answer', close: async () => undefined };
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(url);
    res.setHeader('content-type', 'application/json');
    const code = url.searchParams.get('js_code') ?? '';
    if (url.pathname === '/cgi-bin/token') {
      res.end(JSON.stringify({ access_token: 'stand-in-token', expires_in: 7200 }));
      return;
    }
    if (url.pathname === '/cgi-bin/message/subscribe/send') {
      let raw = '';
      req.on('data', (c) => (raw += c));
      req.on('end', () => {
        if (url.searchParams.get('access_token') !== 'stand-in-token') return void res.end(JSON.stringify({ errcode: 40001, errmsg: 'invalid credential' }));
        if (state.failSendsWith !== null) return void res.end(JSON.stringify({ errcode: state.failSendsWith, errmsg: 'stand-in failure' }));
        state.sends.push(JSON.parse(raw));
        if (state.afterDelivery === 'cut') return void req.socket.destroy();
        if (state.afterDelivery === 'hang') return void setTimeout(() => res.writableEnded || res.end('{"errcode":0}'), 3000).unref();
        res.end(JSON.stringify({ errcode: 0, errmsg: 'ok' }));
      });
      return;
    }
    if (url.pathname !== '/sns/jscode2session') {
      res.statusCode = 404;
      res.end('{}');
    } else if (code.startsWith('good-')) {
      res.end(JSON.stringify({ openid: `openid-${code.slice(5)}`, session_key: 'k' }));
    } else {
      res.end(JSON.stringify({ errcode: 40029, errmsg: 'invalid code' }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  state.url = `http://127.0.0.1:${port}`;
  state.close = () => new Promise((resolve) => {
    server.closeAllConnections(); // a hanging send must not hold the suite open
    server.close(() => resolve());
  });
  return state;
}
