import type { IncomingMessage } from 'node:http';
import multipart from '@fastify/multipart';
import { RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { registerQueueBoard } from './admin/queue-board';
import { AppModule } from './app.module';
import { ApiExceptionFilter } from './common/api-exception.filter';
import { refuseDeepBodies } from './common/body-depth.util';
import { drainConnectionsOnClose } from './common/graceful-shutdown.util';
import { buildOpenApiDocument } from './common/openapi/openapi.document';
import { createValidationPipe } from './common/validation.pipe';
import type { AppConfig } from './config/app-config';
import { createLogger } from './logging/app-logger';
import { REQUEST_ID_HEADER, requestIdFrom } from './logging/request-context';
import { registerRequestHooks } from './logging/request-hooks';
import { Metrics } from './metrics/metrics.service';
import { closeQueues } from './worker/queue-close.util';

/** Fastify's trustProxy from TRUSTED_PROXIES: a list of addresses/CIDRs, or false (trust no header). */
export function trustedProxies(setting: string): string[] | false {
  const list = setting.split(',').map((s) => s.trim()).filter(Boolean);
  return list.length > 0 ? list : false;
}

/** Builds the HTTP app; used by main.ts and by the integration tests, so both run the same stack. */
export async function createApp(config: AppConfig): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: 256 * 1024,
    trustProxy: trustedProxies(config.TRUSTED_PROXIES),
    genReqId: (req: IncomingMessage) => requestIdFrom(req.headers[REQUEST_ID_HEADER]),
    // While closing, requests on open keep-alive connections are served (the database is still up),
    // not answered 503; drainConnectionsOnClose closes each connection after its response.
    return503OnClosing: false,
    forceCloseConnections: 'idle',
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger: createLogger(config),
  });
  registerRequestHooks(app.getHttpAdapter().getInstance(), app.get(Metrics));
  refuseDeepBodies(app.getHttpAdapter().getInstance());
  await app.register(multipart, {
    limits: { fileSize: config.UPLOAD_MAX_BYTES, files: 1, fields: 5, parts: 6 },
  });
  // Open311 GeoReport v2 lives at /open311/v2, the path 311 clients are configured with.
  app.setGlobalPrefix('api', { exclude: [{ path: 'open311/v2/{*rest}', method: RequestMethod.ALL }] });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ApiExceptionFilter());
  // SIGTERM (docker stop, a deploy): close the server and connections, then exit 0 — re-raising the
  // signal, Nest's default, would report a clean stop as killed (exit 143).
  app.enableShutdownHooks(undefined, { useProcessExit: true });
  drainConnectionsOnClose(app.getHttpAdapter().getInstance());
  if (config.swaggerEnabled) {
    const document = buildOpenApiDocument(app);
    SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  }
  const queues = await registerQueueBoard(app, config);
  app.getHttpAdapter().getInstance().addHook('onClose', async () => {
    await closeQueues(queues);
  });
  return app;
}
