import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface OpsResponse {
  status: number;
  contentType: string;
  body: string;
}

export type OpsRoutes = Record<string, () => Promise<OpsResponse>>;

/**
 * A tiny plain-node listener for operators (Prometheus, probes): GET only, a fixed set of paths,
 * nothing of the public API. It binds to loopback by default; publishing it is a deliberate choice.
 */
export async function startOpsServer(host: string, port: number, routes: OpsRoutes): Promise<Server> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const route = req.method === 'GET' || req.method === 'HEAD' ? routes[path] : undefined;
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    route().then(
      (r) => res.writeHead(r.status, { 'content-type': r.contentType, 'cache-control': 'no-store' }).end(req.method === 'HEAD' ? undefined : r.body),
      (error: unknown) => res.writeHead(500, { 'content-type': 'text/plain' }).end(`${error instanceof Error ? error.message : String(error)}\n`),
    );
  });
  // Probes and scrapes are short; an idle keep-alive socket must not hold a shutdown up.
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
}

export function closeOpsServer(server: Server | null | undefined): Promise<void> {
  if (!server) return Promise.resolve();
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

export function portOf(server: Server): number {
  return (server.address() as AddressInfo).port;
}

export function metricsRoute(scrape: () => Promise<string>, contentType: string): () => Promise<OpsResponse> {
  return async () => ({ status: 200, contentType, body: await scrape() });
}
