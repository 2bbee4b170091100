import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter as BoardAdapter } from '@bull-board/fastify';
import { JwtService } from '@nestjs/jwt';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Queue } from 'bullmq';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasRole } from '../access/actor';
import { ActorService } from '../access/actor.service';
import type { TokenPayload } from '../auth/auth.service';
import type { AppConfig } from '../config/app-config';
import { REDIS_RETRY_AFTER_SECONDS, isRedisUnavailable } from '../common/redis-unavailable';
import { QUEUES } from '../worker/jobs';
import { redisOptions } from '../worker/redis-connection';

export const BOARD_PATH = '/admin/queues';
export const BOARD_COOKIE = 'rb_board';

function tokenOf(req: FastifyRequest): string | undefined {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7);
  const cookie = req.headers.cookie?.split(';').map((c) => c.trim()).find((c) => c.startsWith(`${BOARD_COOKIE}=`));
  return cookie ? decodeURIComponent(cookie.slice(BOARD_COOKIE.length + 1)) : undefined;
}

/**
 * bull-board at /admin/queues, for admins only. A browser page cannot send a bearer header, so an
 * admin first calls POST /api/admin/queues/session, which sets a short-lived HttpOnly cookie
 * scoped to this path; API clients may send the bearer header directly.
 */
export async function registerQueueBoard(app: NestFastifyApplication, config: AppConfig): Promise<Queue[]> {
  const queues = Object.values(QUEUES).map((name) => new Queue(name, { connection: redisOptions(config.REDIS_URL, 'producer') }));
  for (const q of queues) q.on('error', () => undefined); // a Redis outage shows on /api/health, not as log spam
  const adapter = new BoardAdapter();
  createBullBoard({ queues: queues.map((q) => new BullMQAdapter(q)), serverAdapter: adapter, options: { uiConfig: { boardTitle: '红管家 队列' } } });
  adapter.setBasePath(BOARD_PATH);
  // Redis away: a 503 naming it (and a Retry-After, below), not bull-board's 500 with ioredis's text.
  const boardErrors = (adapter as unknown as { errorHandler: Parameters<BoardAdapter['setErrorHandler']>[0] }).errorHandler;
  adapter.setErrorHandler((error: Error) =>
    isRedisUnavailable(error)
      ? // bull-board's typings list only the statuses it uses itself; the adapter sends any.
        ({ status: 503, body: { code: 'REDIS_UNAVAILABLE', message: 'the queue store (Redis) is unavailable; retry shortly' } } as unknown as ReturnType<typeof boardErrors>)
      : boardErrors(error),
  );
  const jwt = app.get(JwtService);
  const actors = app.get(ActorService);
  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  await fastify.register(async (scope) => {
    scope.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
      const token = tokenOf(req);
      const payload = token ? await jwt.verifyAsync<TokenPayload>(token).catch(() => null) : null;
      const actor = payload ? await actors.loadForToken(payload.sub, payload.ver ?? 0) : null;
      if (!actor) return reply.status(401).send({ code: 'UNAUTHENTICATED', message: 'authorization: admin login required' });
      if (!hasRole(actor, 'admin')) return reply.status(403).send({ code: 'FORBIDDEN', message: 'the queue dashboard is for admins' });
    });
    scope.addHook('onSend', async (_req: FastifyRequest, reply: FastifyReply, payload: unknown) => {
      if (reply.statusCode === 503) void reply.header('retry-after', String(REDIS_RETRY_AFTER_SECONDS));
      return payload;
    });
    await scope.register(adapter.registerPlugin(), { prefix: BOARD_PATH });
  });
  return queues;
}
