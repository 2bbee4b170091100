import { createServer, type Server } from 'node:http';

/**
 * A local stand-in for WeChat's jscode2session: code "good-<x>" → openid "openid-<x>",
 * anything else → errcode 40029 as WeChat answers an invalid code. Records what it was asked.
 */
export async function startWechatStandIn(): Promise<{ url: string; requests: URL[]; close: () => Promise<void> }> {
  const requests: URL[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(url);
    res.setHeader('content-type', 'application/json');
    const code = url.searchParams.get('js_code') ?? '';
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
  return { url: `http://127.0.0.1:${port}`, requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
