import type { Response } from 'supertest';
import type { TestApp } from './test-app';

export type DemoUser =
  | 'resident' | 'resident2' | 'grid' | 'community' | 'community2' | 'street'
  | 'property' | 'property2' | 'worker' | 'dept' | 'supervisor' | 'admin';

/** Signs demo users in once per test file and wraps requests with their token. */
export class Actors {
  private readonly tokens = new Map<string, string>();

  constructor(private readonly t: TestApp) {}

  async token(user: string): Promise<string> {
    const cached = this.tokens.get(user);
    if (cached) return cached;
    const res = await this.t.http().post('/api/auth/dev-login').send({ username: user });
    if (res.status !== 200) throw new Error(`dev-login ${user}: ${res.status} ${JSON.stringify(res.body)}`);
    this.tokens.set(user, res.body.token);
    return res.body.token;
  }

  async get(user: string, path: string): Promise<Response> {
    return this.t.http().get(path).set('authorization', `Bearer ${await this.token(user)}`);
  }

  async post(user: string, path: string, body: object = {}, headers: Record<string, string> = {}): Promise<Response> {
    const req = this.t.http().post(path).set('authorization', `Bearer ${await this.token(user)}`);
    for (const [k, v] of Object.entries(headers)) req.set(k, v);
    return req.send(body);
  }

  async put(user: string, path: string, body: object): Promise<Response> {
    return this.t.http().put(path).set('authorization', `Bearer ${await this.token(user)}`).send(body);
  }

  async id(username: string): Promise<number> {
    const rows: Array<{ id: number }> = await this.t.db.query('SELECT id FROM users WHERE username = $1', [username]);
    return rows[0].id;
  }
}

/** Ids of seeded things by code, so tests never hard-code serial ids. */
export async function codeIds(t: TestApp) {
  const orgs: Array<{ code: string; id: number }> = await t.db.query('SELECT code, id FROM organizations');
  const cats: Array<{ code: string; id: number }> = await t.db.query('SELECT code, id FROM categories');
  const units: Array<{ code: string; id: number }> = await t.db.query('SELECT code, id FROM org_units');
  const find = (rows: Array<{ code: string; id: number }>, code: string) => {
    const row = rows.find((r) => r.code === code);
    if (!row) throw new Error(`no seeded code ${code}`);
    return row.id;
  };
  return {
    org: (code: string) => find(orgs, code),
    category: (code: string) => find(cats, code),
    unit: (code: string) => find(units, code),
  };
}
