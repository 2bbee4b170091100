import { DiscoveryService, ModulesContainer } from '@nestjs/core';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RequestMethod } from '@nestjs/common';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp, type TestApp } from './support/test-app';

type Schema = Record<string, unknown> & { $ref?: string; type?: string; format?: string; pattern?: string; properties?: Record<string, Schema>; allOf?: Schema[]; oneOf?: Schema[] };
interface Param { name: string; in: string; schema?: Schema }
interface Op {
  parameters?: Param[];
  requestBody?: { content: Record<string, { schema?: Schema }> };
  responses: Record<string, { content?: Record<string, { schema?: Schema }> }>;
  security?: unknown[];
}
interface Doc { paths: Record<string, Record<string, Op>>; components: { schemas: Record<string, Schema> } }

/**
 * The OpenAPI document is complete enough to generate a client and to check responses (issue #11):
 * every operation has its 2xx body schema and its errors with the ApiError envelope, ids and limits
 * are integers, dates have formats, and a handler that reads a body documents one.
 */
describe('OpenAPI document', () => {
  let t: TestApp;
  let doc: Doc;
  let ops: Array<{ method: string; path: string; op: Op }>;

  beforeAll(async () => {
    t = await startApp();
    // (The queue board's Redis connections must be up before close, or closing one mid-connect throws.)
    expect((await t.http().get('/api/health/ready')).status).toBe(200);
    const res = await t.http().get('/api/docs-json');
    expect(res.status).toBe(200);
    doc = res.body as Doc;
    ops = Object.entries(doc.paths).flatMap(([path, byMethod]) => Object.entries(byMethod).map(([method, op]) => ({ method, path, op })));
  });
  afterAll(() => t.close());

  const resolve = (s: Schema | undefined): Schema | undefined => {
    if (!s?.$ref) return s;
    return doc.components.schemas[s.$ref.replace('#/components/schemas/', '')];
  };
  /** A schema that says something: a resolvable $ref, a type, or a composition. */
  const meaningful = (s: Schema | undefined): boolean => {
    const r = resolve(s);
    return !!r && (typeof r.type === 'string' || Array.isArray(r.allOf) || Array.isArray(r.oneOf)) && JSON.stringify(r) !== '{}';
  };
  const label = (o: { method: string; path: string }) => `${o.method.toUpperCase()} ${o.path}`;

  it('documents at least the 60 operations the API had when this test was written', () => {
    expect(ops.length).toBeGreaterThanOrEqual(60);
  });

  it('gives every operation a 2xx response with a schema', () => {
    const missing = ops.filter(({ op }) => {
      const ok = Object.entries(op.responses).filter(([s]) => /^2\d\d$/.test(s));
      // 204 No Content is the one success that must not describe a body.
      return ok.length === 0 || !ok.every(([s, r]) => (s === '204' ? Object.values(r.content ?? {}).length === 0 : Object.values(r.content ?? {}).length > 0 && Object.values(r.content ?? {}).every((c) => meaningful(c.schema))));
    });
    expect(missing.map(label)).toEqual([]);
  });

  it('documents the error responses with the ApiError envelope: 400 and 429 everywhere, 401 behind a token, 404 for an id', () => {
    expect(doc.components.schemas.ApiError).toMatchObject({ type: 'object', required: expect.arrayContaining(['code', 'message']) });
    const problems: string[] = [];
    for (const o of ops) {
      if (o.path.startsWith('/api/health')) continue; // liveness/readiness: plain answers for probes
      const want = ['400', '429'];
      if (o.op.security?.length) want.push('401', '403');
      if ((o.op.parameters ?? []).some((p) => p.in === 'path')) want.push('404');
      for (const s of want) {
        const r = o.op.responses[s];
        if (!r) problems.push(`${label(o)}: no ${s}`);
        else if (resolve(r.content?.['application/json']?.schema) !== doc.components.schemas.ApiError) problems.push(`${label(o)}: ${s} is not ApiError`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('types path ids as integers (a photo id as a UUID), id/limit query parameters as integers, cursors as integers or patterned keys', () => {
    const problems: string[] = [];
    for (const o of ops) {
      for (const p of o.op.parameters ?? []) {
        const s = p.schema ?? {};
        if (p.in === 'path' && !(s.type === 'integer' || (s.type === 'string' && s.format === 'uuid'))) problems.push(`${label(o)} path ${p.name}: ${JSON.stringify(s)}`);
        if (p.in === 'query' && /(^id$|Id$|^limit$)/.test(p.name) && s.type !== 'integer') problems.push(`${label(o)} query ${p.name}: ${JSON.stringify(s)}`);
        // A keyset over (sort key, id) cannot be one integer: such a cursor is a string with a pattern and a length cap.
        const keyset = s.type === 'string' && !!s.pattern && typeof s.maxLength === 'number';
        if (p.in === 'query' && p.name === 'cursor' && s.type !== 'integer' && !keyset) problems.push(`${label(o)} query cursor: ${JSON.stringify(s)}`);
        if (p.in === 'query' && /^(from|to)$/.test(p.name) && s.format !== 'date') problems.push(`${label(o)} query ${p.name}: no date format`);
        if (p.in === 'query' && p.name === 'quarter' && !s.pattern) problems.push(`${label(o)} query quarter: no pattern`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('documents a request body for every handler that reads one (multipart uploads included)', () => {
    const discovery = new DiscoveryService(t.app.get(ModulesContainer));
    const problems: string[] = [];
    for (const wrapper of discovery.getControllers()) {
      const ctrl = wrapper.metatype as (new (...args: never[]) => unknown) | undefined;
      if (!ctrl || !wrapper.instance) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, ctrl) ?? '');
      const proto = Object.getPrototypeOf(wrapper.instance) as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(proto)) {
        const handler = proto[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (method === undefined) continue;
        const sub = String(Reflect.getMetadata(PATH_METADATA, handler) ?? '');
        const path = `/api/${[base, sub].filter((x) => x && x !== '/').join('/')}`.replace(/\/+/g, '/').replace(/\/$/, '').replace(/:(\w+)/g, '{$1}');
        const op = doc.paths[path]?.[RequestMethod[method].toLowerCase()];
        if (!op) continue; // excluded from the document (Open311 has its own spec)
        const args = Object.keys((Reflect.getMetadata(ROUTE_ARGS_METADATA, ctrl, name) ?? {}) as Record<string, unknown>);
        const readsBody = args.some((k) => Number(k.split(':')[0]) === RouteParamtypes.BODY);
        const readsMultipart = args.some((k) => Number(k.split(':')[0]) === RouteParamtypes.REQUEST) && Reflect.getMetadata('swagger/apiConsumes', handler)?.includes('multipart/form-data');
        if (readsBody) {
          const schema = op.requestBody?.content?.['application/json']?.schema;
          const r = resolve(schema);
          if (!r || JSON.stringify(r) === '{}' || (r.type === 'object' && !r.properties && !r.allOf)) problems.push(`${RequestMethod[method]} ${path}: body ${JSON.stringify(schema)}`);
        }
        if (readsMultipart) {
          const file = op.requestBody?.content?.['multipart/form-data']?.schema?.properties?.file;
          if (file?.format !== 'binary') problems.push(`${RequestMethod[method]} ${path}: no multipart file`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('the client’s generated types (apps/client/src/api/api.generated.ts) are up to date: run `pnpm gen:api-types`', async () => {
    const committed = readFileSync(join(__dirname, '../../client/src/api/api.generated.ts'), 'utf8');
    const saved = join(mkdtempSync(join(tmpdir(), 'rb-openapi-')), 'openapi.json');
    writeFileSync(saved, JSON.stringify(doc));
    // In a child process: openapi-typescript needs Node's require(esm), which jest's runtime lacks.
    const generated = execFileSync('node', [require.resolve('ts-node/dist/bin.js'), '--transpile-only', join(__dirname, '../src/common/openapi/gen-api-types.cli.ts'), saved], {
      cwd: join(__dirname, '..'),
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(generated).toBe(committed);
  });
});
