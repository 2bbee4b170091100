// Direct API calls for setting up the e2e flows that the browser then finishes.
import { makePng } from './png.util';

const apiUrl = () => process.env.E2E_API_URL as string;

export async function token(username: string): Promise<string> {
  const res = await fetch(`${apiUrl()}/api/auth/dev-login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username }),
  });
  if (!res.ok) throw new Error(`dev-login ${username}: ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}

export async function call<T = any>(who: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${apiUrl()}/api${path}`, {
    method,
    headers: { authorization: `Bearer ${await token(who)}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const data = await res.json();
  if (!res.ok) throw new Error(`${who} ${method} ${path}: ${res.status} ${JSON.stringify(data)}`);
  return data as T;
}

export async function uploadAs(who: string): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(makePng())], { type: 'image/png' }), 'photo.png');
  const res = await fetch(`${apiUrl()}/api/uploads`, { method: 'POST', headers: { authorization: `Bearer ${await token(who)}` }, body: form });
  if (!res.ok) throw new Error(`upload: ${res.status}`);
  return ((await res.json()) as { id: string }).id;
}

/** A resident's ticket, dispatched by the community to the suggested company (宁夏塞上阳光物业). */
export async function dispatchedTicket(description: string): Promise<number> {
  const categories = await call<{ items: Array<{ id: number; code: string }> }>('resident', 'GET', '/categories');
  const categoryId = categories.items.find((c) => c.code === 'street_light_out')!.id;
  const created = await call('resident', 'POST', '/tickets', { categoryId, description });
  const detail = await call('community', 'GET', `/tickets/${created.id}`);
  await call('community', 'POST', `/tickets/${created.id}/dispatch`, { companyId: detail.suggestedHandler.id });
  return created.id;
}
