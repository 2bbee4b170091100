import { randomBytes } from 'node:crypto';
import { Actors, codeIds } from './support/actors';
import { startApp, type TestApp } from './support/test-app';

interface Summary { id: number; no: string; status: string; dueAt: string | null }
interface Page { items: Summary[]; nextCursor: string | null }

/**
 * The lists of issue #13: search (Chinese 2-char and longer words, ticket numbers), every filter,
 * keyset pagination in both orders while tickets keep arriving, and 我关注的. Every ticket here is
 * reported by this file's own resident and carries this run's marker, so suites running alongside
 * cannot change what the lists answer.
 */
describe('ticket lists: search, filters, keyset pages, 我关注的', () => {
  let t: TestApp;
  let as: Actors;
  let ids: Awaited<ReturnType<typeof codeIds>>;
  // Letters only: a number-like word searches ticket numbers instead of the text.
  const marker = `rb${randomBytes(4).toString('hex').replace(/\d/g, (d) => 'ghijklmnop'[Number(d)])}`;
  const reporter = `lists-${marker}`;
  const follower = `lists-f-${marker}`;
  let building = 0;
  const made: Record<string, number> = {};

  const list = async (user: string, query: string): Promise<Page> => {
    const res = await as.get(user, `/api/tickets?${query}`);
    if (res.status !== 200) throw new Error(`${query}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as Page;
  };
  const q = (params: Record<string, string | number>) => new URLSearchParams(Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)]))).toString();
  const report = async (description: string, extra: Record<string, unknown> = {}) => {
    const res = await as.post(reporter, '/api/tickets', {
      categoryId: ids.category('street_light_out'), description, compoundId: ids.unit('hupanjiayuan'), ...extra,
    });
    if (res.status !== 201) throw new Error(JSON.stringify(res.body));
    return res.body.id as number;
  };
  /** Every page of a query, following nextCursor; `between` runs before each next page. */
  const allPages = async (user: string, params: Record<string, string | number>, between: () => Promise<void> = async () => undefined) => {
    const seen: Summary[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await list(user, q(cursor ? { ...params, cursor } : params));
      seen.push(...page.items);
      cursor = page.nextCursor;
      pages += 1;
      if (cursor) await between();
    } while (cursor && pages < 50);
    return { seen, pages };
  };

  beforeAll(async () => {
    t = await startApp();
    as = new Actors(t);
    ids = await codeIds(t);
    const hupan = ids.unit('hupanjiayuan');
    for (const name of [reporter, follower]) {
      const [u]: Array<{ id: number }> = await t.db.query(`INSERT INTO users (username, display_name, compound_id) VALUES ($1, '列表测试居民', $2) RETURNING id`, [name, hupan]);
      await t.db.query(`INSERT INTO role_bindings (user_id, role) VALUES ($1, 'resident')`, [u.id]);
    }
    const [b]: Array<{ id: number }> = await t.db.query(`SELECT id FROM org_units WHERE kind = 'building' AND compound_id = $1 ORDER BY id LIMIT 1`, [hupan]);
    building = b.id;
    made.manhole = await report(`${marker} 小区东门井盖丢失，夜里很危险`, { categoryId: ids.category('manhole_cover_missing') });
    made.light = await report(`${marker} 北侧路灯不亮已经三天`);
    made.lift = await report(`${marker} 楼道灯闪烁`, { buildingId: building });
    // The address comes with a map point; written directly, the search is what is under test.
    await t.db.query(`UPDATE tickets SET address = '湖畔嘉苑7号楼二单元' WHERE id = $1`, [made.lift]);
  });
  afterAll(() => t.close());

  describe('search', () => {
    it('a 2-character Chinese word (no trigram) still finds the ticket: 井盖', async () => {
      const page = await list(reporter, q({ text: '井盖' }));
      expect(page.items.map((i) => i.id)).toEqual([made.manhole]);
      // The staff desk sees the whole community: the marker narrows it to this file's tickets.
      const desk = await list('community', q({ text: `${marker} 井盖` }));
      expect(desk.items.map((i) => i.id)).toEqual([made.manhole]);
    });

    it('a 2-character word is answered from the bigram index, with exactly the tickets ILIKE finds', async () => {
      const [index]: Array<{ indexdef: string }> = await t.db.query(`SELECT indexdef FROM pg_indexes WHERE indexname = 'idx_tickets_text_bigram'`);
      expect(index.indexdef).toMatch(/USING gin \(rb_bigrams\(/);
      const bigrams = `rb_bigrams(description || ' ' || coalesce(address, ''))`;
      const plan = await t.db.transaction(async (em) => {
        await em.query('SET LOCAL enable_seqscan = off');
        await em.query('SET LOCAL enable_indexscan = off');
        return em.query(`EXPLAIN SELECT id FROM tickets WHERE ${bigrams} @> ARRAY['井盖']`) as Promise<Array<Record<string, string>>>;
      });
      expect(JSON.stringify(plan)).toContain('idx_tickets_text_bigram');
      // Same tickets as the plain ILIKE over every ticket in the database: Chinese words of the
      // description and of the address, and a Latin pair in another case (ILIKE ignores case).
      const latin = marker.slice(2, 4).toUpperCase();
      for (const word of ['井盖', '路灯', '楼道', '号楼', '嘉苑', '单元', latin]) {
        const viaIndex: Array<{ id: number }> = await t.db.query(`SELECT id FROM tickets WHERE ${bigrams} @> ARRAY[lower($1)] ORDER BY id`, [word]);
        const viaLike: Array<{ id: number }> = await t.db.query(
          `SELECT id FROM tickets WHERE description ILIKE '%' || $1 || '%' OR address ILIKE '%' || $1 || '%' ORDER BY id`,
          [word],
        );
        expect({ word, ids: viaIndex.map((r) => r.id) }).toEqual({ word, ids: viaLike.map((r) => r.id) });
      }
      expect((await list(reporter, q({ text: latin.toLowerCase() }))).items.map((i) => i.id).sort()).toEqual([made.manhole, made.light, made.lift].sort());
    });

    it('a word naming the compound or a building finds its tickets (resolved to ids before the list query)', async () => {
      // 湖畔 names the compound (two of the three have no such word in their text); the first building by name.
      expect((await list(reporter, q({ text: `湖畔 ${marker}` }))).items.map((i) => i.id).sort()).toEqual([made.manhole, made.light, made.lift].sort());
      const [b]: Array<{ name: string }> = await t.db.query('SELECT name FROM org_units WHERE id = $1', [building]);
      expect((await list(reporter, q({ text: `${b.name} ${marker}` }))).items.map((i) => i.id)).toContain(made.lift);
    });

    it('a longer Chinese phrase (trigram index) and a word of the address', async () => {
      expect((await list(reporter, q({ text: '路灯不亮' }))).items.map((i) => i.id)).toEqual([made.light]);
      expect((await list(reporter, q({ text: '7号楼二单元' }))).items.map((i) => i.id)).toEqual([made.lift]);
      // Every word must match.
      expect((await list(reporter, q({ text: '路灯 井盖' }))).items).toEqual([]);
    });

    it('the trigram indexes exist and a 3+ character search can use them', async () => {
      const indexes: Array<{ indexname: string; indexdef: string }> = await t.db.query(
        `SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'tickets' AND indexname LIKE '%trgm'`,
      );
      expect(indexes.map((i) => i.indexname).sort()).toEqual(['idx_tickets_address_trgm', 'idx_tickets_description_trgm']);
      expect(indexes.every((i) => /USING gin .*gin_trgm_ops/.test(i.indexdef))).toBe(true);
      // With sequential scans priced out, a 3+ character word is answered from the trigram index.
      const plan = await t.db.transaction(async (em) => {
        await em.query('SET LOCAL enable_seqscan = off');
        return em.query(`EXPLAIN SELECT id FROM tickets WHERE description ILIKE '%路灯不亮%'`) as Promise<Array<Record<string, string>>>;
      });
      expect(JSON.stringify(plan)).toContain('idx_tickets_description_trgm');
    });

    it('a ticket number, whole or in part, finds that ticket', async () => {
      const [{ no }]: Array<{ no: string }> = await t.db.query('SELECT no FROM tickets WHERE id = $1', [made.lift]);
      expect((await list(reporter, q({ text: no }))).items.map((i) => i.id)).toEqual([made.lift]);
      expect((await list(reporter, q({ text: no.slice(-8).toLowerCase() }))).items.map((i) => i.id)).toEqual([made.lift]);
    });

    it('LIKE wildcards in the words are plain characters', async () => {
      expect((await list(reporter, q({ text: '%' }))).items).toEqual([]);
      expect((await list(reporter, q({ text: '_' }))).items).toEqual([]);
    });
  });

  describe('filters', () => {
    it('category, building, channel and status', async () => {
      expect((await list(reporter, q({ categoryId: ids.category('manhole_cover_missing') }))).items.map((i) => i.id)).toEqual([made.manhole]);
      expect((await list(reporter, q({ buildingId: building }))).items.map((i) => i.id)).toEqual([made.lift]);
      expect((await list(reporter, q({ channel: 'hotline_12345' }))).items).toEqual([]);
      expect((await list(reporter, q({ channel: 'mini_program' }))).items.length).toBeGreaterThanOrEqual(3);
      const before = await list(reporter, q({ status: 'dispatched' }));
      expect(before.items.map((i) => i.id)).not.toContain(made.light);
      expect((await as.post('community', `/api/tickets/${made.light}/dispatch`, { companyId: ids.org('saishang-wuye') })).status).toBe(200);
      expect((await list(reporter, q({ status: 'dispatched' }))).items.map((i) => i.id)).toContain(made.light);
      expect((await list(reporter, q({ status: 'submitted', text: marker }))).items.map((i) => i.id)).not.toContain(made.light);
    });

    it('date range by Shanghai calendar days, both ends included', async () => {
      const id = await report(`${marker} 旧工单`);
      // 2020-01-15 00:30 in Shanghai is still 2020-01-14 in UTC: the day is the Shanghai one.
      await t.db.query(`UPDATE tickets SET created_at = '2020-01-15T00:30:00+08:00' WHERE id = $1`, [id]);
      expect((await list(reporter, q({ from: '2020-01-15', to: '2020-01-15' }))).items.map((i) => i.id)).toEqual([id]);
      expect((await list(reporter, q({ from: '2020-01-16', to: '2020-01-31' }))).items).toEqual([]);
      expect((await list(reporter, q({ to: '2020-01-14' }))).items).toEqual([]);
      expect((await list(reporter, q({ from: '2020-01-01' }))).items.map((i) => i.id)).toContain(made.manhole);
    });

    it('overdue: only tickets with an open leg past its deadline', async () => {
      expect((await list(reporter, q({ overdue: 'true' }))).items).toEqual([]);
      await t.db.query(`UPDATE ticket_deadlines SET breached_at = now() WHERE ticket_id = $1 AND status = 'open' AND leg <> 'survey'`, [made.manhole]);
      expect((await list(reporter, q({ overdue: 'true' }))).items.map((i) => i.id)).toEqual([made.manhole]);
    });

    it('bad input is 400 with a code and the field: a day that does not exist, to before from, a foreign cursor', async () => {
      for (const [query, field] of [
        [q({ from: '2026-02-30' }), 'from'],
        [q({ from: '2026-03-02', to: '2026-03-01' }), 'to'],
        [q({ from: '2026/03/01' }), 'from'],
        [q({ cursor: 'x.1' }), 'cursor'],
        [q({ cursor: 'd.-.5' }), 'cursor'], // a deadline cursor on the newest-first list
        [q({ cursor: 'n.5', sort: 'due' }), 'cursor'],
      ] as const) {
        const res = await as.get(reporter, `/api/tickets?${query}`);
        expect({ query, status: res.status, code: res.body.code }).toEqual({ query, status: 400, code: 'VALIDATION_FAILED' });
        expect(JSON.stringify(res.body)).toContain(field);
      }
    });
  });

  describe('keyset pagination', () => {
    it('newest first: no duplicate and no gap across pages while new tickets arrive', async () => {
      const created: number[] = [];
      for (let i = 0; i < 7; i += 1) created.push(await report(`${marker} 分页 ${i}`));
      const arrived: number[] = [];
      const { seen, pages } = await allPages(reporter, { text: `${marker} 分页`, limit: 3 }, async () => {
        arrived.push(await report(`${marker} 分页 新到`));
      });
      expect(pages).toBe(3);
      const got = seen.map((s) => s.id);
      expect(new Set(got).size).toBe(got.length);
      // Exactly what existed when the first page was read, newest first; the newcomers wait for a refresh.
      expect(got).toEqual([...created].reverse());
      expect(got.some((id) => arrived.includes(id))).toBe(false);
      // The old numeric cursor (an id) still reads as newest-first.
      const legacy = await list(reporter, q({ text: `${marker} 分页`, cursor: created[3] }));
      expect(legacy.items.map((i) => i.id)).toEqual(created.slice(0, 3).reverse());
    });

    it('by deadline: (due, id) keys with ties and tickets without a deadline, across pages', async () => {
      const own: number[] = [];
      for (let i = 0; i < 7; i += 1) own.push(await report(`${marker} 时限 ${i}`));
      // Two share a due time to the microsecond, one differs from them only below the millisecond,
      // two have no open deadline: the order must still be total and the cursor exact.
      const due = ['2031-05-01T08:00:00.123456Z', '2031-05-01T08:00:00.123456Z', '2031-05-01T08:00:00.123999Z', '2031-04-01T00:00:00Z', '2031-06-01T00:00:00Z'];
      for (const [i, at] of due.entries()) {
        await t.db.query(`UPDATE ticket_deadlines SET due_at = $2 WHERE ticket_id = $1 AND status = 'open' AND leg <> 'survey'`, [own[i], at]);
      }
      await t.db.query(`UPDATE ticket_deadlines SET status = 'cancelled' WHERE ticket_id = ANY($1) AND status = 'open'`, [own.slice(5)]);
      const expected = [own[3], own[0], own[1], own[2], own[4], own[5], own[6]];
      for (const limit of [1, 2, 3]) {
        const arrived: number[] = [];
        const { seen } = await allPages(reporter, { text: `${marker} 时限`, sort: 'due', limit }, async () => {
          arrived.push(await report(`${marker} 时限 新到`));
        });
        // Newcomers (and other rounds' newcomers) are due within days, so before 2031: only this set is checked.
        const got = seen.map((s) => s.id).filter((id) => own.includes(id));
        expect({ limit, got }).toEqual({ limit, got: expected });
        expect(new Set(seen.map((s) => s.id)).size).toBe(seen.length);
      }
    });

    it('the cursor names the last row (sort key, id), not an offset', async () => {
      const page = await list(reporter, q({ limit: 1 }));
      expect(page.nextCursor).toMatch(/^n\.\d+$/);
    });
  });

  describe('我关注的', () => {
    it('lists the followed tickets, latest followed first, paged, and drops an unfollowed one', async () => {
      const followed = [await report(`${marker} 关注 a`), await report(`${marker} 关注 b`), await report(`${marker} 关注 c`)];
      for (const id of followed) expect((await as.post(follower, `/api/tickets/${id}/follow`)).status).toBe(200);
      const first = await as.get(follower, '/api/tickets/following?limit=2');
      expect(first.status).toBe(200);
      expect(first.body.items.map((i: { id: number }) => i.id)).toEqual([followed[2], followed[1]]);
      expect(first.body.items[0]).toMatchObject({ following: true, mine: false });
      expect(JSON.stringify(first.body)).not.toContain('列表测试居民');
      const second = await as.get(follower, `/api/tickets/following?limit=2&cursor=${first.body.nextCursor}`);
      expect(second.body).toMatchObject({ items: [{ id: followed[0] }], nextCursor: null });

      expect((await t.http().delete(`/api/tickets/${followed[1]}/follow`).set('authorization', `Bearer ${await as.token(follower)}`)).status).toBe(200);
      const after = await as.get(follower, '/api/tickets/following');
      expect(after.body.items.map((i: { id: number }) => i.id)).toEqual([followed[2], followed[0]]);
      // The reporter follows nothing: their own tickets are in 我的工单.
      expect((await as.get(reporter, '/api/tickets/following')).body.items).toEqual([]);
      expect((await as.get(follower, '/api/tickets/following?cursor=abc')).status).toBe(400);
    });
  });
});
