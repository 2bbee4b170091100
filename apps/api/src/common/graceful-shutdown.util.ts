import { Logger } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';

/** Under `docker stop`'s 10 s (then SIGKILL), so the process always gets to exit on its own. */
export const API_SHUTDOWN_DEADLINE_MS = 8000;
/** Under compose's stop_grace_period of 30 s; a job cut off is retried after its lock expires. */
export const WORKER_SHUTDOWN_DEADLINE_MS = 25_000;

/**
 * While Fastify closes: every response says `Connection: close`, and connections that fall idle
 * are closed. Fastify (via Node) closes only the connections idle at the moment close begins; a
 * keep-alive connection busy then stays open after its response until the client's next request
 * or the 72 s keep-alive timeout, and close waits for it. Requests arriving meanwhile are served,
 * not answered 503 (`return503OnClosing: false` on the adapter): the database closes only after.
 */
export function drainConnectionsOnClose(fastify: FastifyInstance): void {
  let closing = false;
  let reaper: NodeJS.Timeout | undefined;
  fastify.addHook('preClose', async () => {
    closing = true;
    reaper = setInterval(() => fastify.server.closeIdleConnections(), 100);
    reaper.unref();
  });
  fastify.addHook('onSend', async (_request, reply, payload) => {
    if (closing) void reply.header('connection', 'close');
    return payload;
  });
  fastify.addHook('onClose', async () => clearInterval(reaper));
}

/**
 * The hard stop behind a graceful one: once SIGTERM/SIGINT arrived, exit 1 after `ms` whatever is
 * still running (a hung request, a stuck job), rather than wait for the orchestrator's SIGKILL.
 */
export function armShutdownDeadline(ms: number, name: string): void {
  const arm = (signal: NodeJS.Signals) => {
    setTimeout(() => {
      new Logger('Shutdown').error(`${name}: still stopping ${ms} ms after ${signal}; exiting anyway`);
      process.exit(1);
    }, ms).unref();
  };
  process.once('SIGTERM', arm);
  process.once('SIGINT', arm);
}
