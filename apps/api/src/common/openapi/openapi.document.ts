import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { RESPONSE_SCHEMAS } from './response-schemas';

/**
 * The OpenAPI document: what the decorators describe, plus the response components they refer to.
 * Path parameters typed `number` are ids read by ParseIdPipe (positive 32-bit integers), so they are
 * written as integers with their bounds; the decorators cannot say so (the TS type is `number`).
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('红管家 API')
      .setDescription('群众点单、社区派单、物业接单: the ticket loop of residential communities')
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  document.components = { ...document.components, schemas: { ...document.components?.schemas, ...RESPONSE_SCHEMAS } };
  for (const ops of Object.values(document.paths)) {
    for (const op of Object.values(ops) as Array<{ parameters?: Array<{ in: string; schema?: Record<string, unknown> }> }>) {
      for (const p of op?.parameters ?? []) {
        if (p.in === 'path' && p.schema?.type === 'number') p.schema = { type: 'integer', minimum: 1, maximum: 2147483647 };
      }
    }
  }
  return document;
}
