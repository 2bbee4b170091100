import { SHANGHAI_UTC_OFFSET_MS } from '@red-butler/domain';
import type { FastifyReply } from 'fastify';
import { Open311Error } from './open311.error';

export type Open311Format = 'xml' | 'json';

/** The child element name of each list in the GeoReport v2 XML documents. */
const LIST_ITEMS: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  errors: 'error',
  endpoints: 'endpoint',
  formats: 'format',
  attributes: 'attribute',
  values: 'value',
};

export const CONTENT_TYPES: Record<Open311Format, string> = {
  xml: 'text/xml; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

/**
 * `services.xml` → `{resource: 'services', format: 'xml'}`. The format is the text after the last
 * dot, so an id or code that contains dots still parses; anything but xml/json is a 404.
 */
export function splitFormat(file: string): { resource: string; format: Open311Format } {
  const dot = file.lastIndexOf('.');
  const ext = dot > 0 ? file.slice(dot + 1).toLowerCase() : '';
  if (ext !== 'xml' && ext !== 'json') throw Open311Error.notFound(`format: use .xml or .json (got "${file}")`);
  return { resource: file.slice(0, dot), format: ext };
}

/** The format an error is rendered in: the extension of the requested path, XML when unclear (XML is the spec's required format). */
export function formatOfUrl(url: string): Open311Format {
  const path = url.split('?')[0];
  return /\.json$/i.test(path) ? 'json' : 'xml';
}

/** ISO 8601 with the +08:00 offset of Asia/Shanghai, as the spec requires an explicit offset. */
export function isoShanghai(value: Date | string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const ms = new Date(value).getTime();
  return `${new Date(ms + SHANGHAI_UTC_OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
}

/**
 * Everything XML 1.0 cannot carry, even escaped: C0 controls but tab, newline and carriage return;
 * lone surrogates (with the `u` flag a surrogate pair is one character and stays); U+FFFE and U+FFFF.
 * One character class, so it runs in linear time.
 */
const XML_INVALID = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text for an XML element: characters XML cannot carry dropped (one resident's text must not break the feed for everyone), markup escaped. */
export function escapeXml(text: string): string {
  return text.replace(XML_INVALID, '').replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function element(name: string, value: unknown): string {
  if (value === null || value === undefined) return `<${name}/>`;
  if (Array.isArray(value)) {
    const item = LIST_ITEMS[name];
    if (!item) throw new Error(`no XML item name for list ${name}`);
    return `<${name}>${value.map((v) => element(item, v)).join('')}</${name}>`;
  }
  if (typeof value === 'object') {
    const children = Object.entries(value as Record<string, unknown>).map(([k, v]) => element(k, v)).join('');
    return `<${name}>${children}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** One GeoReport v2 document: `root` names the XML root element; JSON is the value itself. */
export function render(format: Open311Format, root: string, value: unknown): string {
  if (format === 'json') return JSON.stringify(value);
  return `<?xml version="1.0" encoding="utf-8"?>${element(root, value)}`;
}

export function send(reply: FastifyReply, format: Open311Format, root: string, value: unknown, status = 200): FastifyReply {
  return reply.status(status).header('content-type', CONTENT_TYPES[format]).send(render(format, root, value));
}
