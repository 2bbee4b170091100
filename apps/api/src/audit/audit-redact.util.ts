/** Keys whose values never reach the trail: passwords, one-time codes, tokens, keys, secrets. */
const SECRET_KEY = /pass(word)?|code|token|secret|key|otp|credential|authorization/i;
const MAX_STRING = 200;
const MAX_KEYS = 50;
const MAX_DEPTH = 4;
const MAX_JSON = 4000;

/**
 * What the trail keeps of a request body: secrets replaced by "***", long strings and lists cut,
 * NUL bytes dropped (jsonb refuses them), and the whole at most a few KB. A body that is not JSON
 * (a file upload) is named, not stored.
 */
export function summariseBody(body: unknown): unknown {
  if (body === undefined || body === null) return null;
  if (Buffer.isBuffer(body) || typeof body !== 'object') return typeof body === 'string' ? cut(body) : body === undefined ? null : { kind: typeof body };
  const summary = walk(body, 0);
  const json = JSON.stringify(summary);
  return json.length <= MAX_JSON ? summary : { truncated: true, preview: json.slice(0, MAX_JSON) };
}

function cut(s: string): string {
  const clean = s.split('\u0000').join('');
  return clean.length > MAX_STRING ? `${clean.slice(0, MAX_STRING)}…` : clean;
}

function walk(v: unknown, depth: number): unknown {
  if (typeof v === 'string') return cut(v);
  if (v === null || typeof v !== 'object') return v;
  if (depth >= MAX_DEPTH) return '…';
  if (Array.isArray(v)) return v.slice(0, MAX_KEYS).map((x) => walk(x, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v).slice(0, MAX_KEYS)) out[cut(k)] = SECRET_KEY.test(k) ? '***' : walk(x, depth + 1);
  return out;
}
