import { Actors } from './support/actors';
import { makeDueDeadlines } from './support/clock-fixtures';
import { startAppOnOwnDatabase, type TestApp } from './support/test-app';

/**
 * Issue #14: the 督办 overdue board pages by keyset on (due_at, leg id). Walking it page by page gives
 * exactly the legs one large page gives, in the same order (ties on due_at broken by id, paused legs
 * last), none twice; the walk stays in the caller's scope, and a cursor or page size that is not one
 * is a 400 naming the field. A database of its own: legs going overdue in suites alongside would
 * shift the pages between two reads.
 */
type Row = { ticketId: number; dueAt: string | null; overdueMinutes: number | null; leg: string };

describe('督办 overdue board: keyset pages', () => {
  let t: TestApp;
  let as: Actors;

  beforeAll(async () => {
    t = await startAppOnOwnDatabase();
    as = new Actors(t);
    // 13 legs gone overdue, some sharing a due time, two paused (no due time), on tickets moved to a
    // compound of 安居苑社区 (the 'community' account's; 'community2' is another community's).
    const { ticketIds, deadlineIds } = await makeDueDeadlines(t.db, { count: 13, firstDueInMs: -3_600_000, spreadMs: 60_000, tag: 'board' });
    await t.db.query(
      `UPDATE tickets t SET compound_id = c.id, community_id = c.community_id, grid_id = c.grid_id, street_id = c.street_id, district_id = c.district_id
         FROM (SELECT * FROM org_units WHERE kind = 'compound' AND community_id = (SELECT id FROM org_units WHERE code = 'anjuyuan') ORDER BY id LIMIT 1) c
        WHERE t.id = ANY($1)`,
      [ticketIds],
    );
    await t.db.query(`UPDATE ticket_deadlines SET breached_at = due_at, next_event = 'escalate', escalation_level = 1 WHERE id = ANY($1)`, [deadlineIds]);
    await t.db.query(`UPDATE ticket_deadlines SET due_at = (SELECT due_at FROM ticket_deadlines WHERE id = $1) WHERE id = ANY($2)`, [deadlineIds[4], deadlineIds.slice(5, 9)]);
    await t.db.query(`UPDATE ticket_deadlines SET due_at = NULL, paused_at = now() WHERE id = ANY($1)`, [deadlineIds.slice(11)]);
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  const page = async (user: 'supervisor' | 'community' | 'community2', query: string) => {
    const res = await as.get(user, `/api/overdue${query}`);
    expect(res.status).toBe(200);
    return res.body as { items: Row[]; nextCursor: string | null };
  };

  async function walk(user: 'supervisor' | 'community', limit: number): Promise<{ rows: Row[]; pages: number }> {
    const rows: Row[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const p = await page(user, `?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(p.items.length).toBeLessThanOrEqual(limit);
      rows.push(...p.items);
      cursor = p.nextCursor;
      pages += 1;
    } while (cursor && pages < 50);
    return { rows, pages };
  }

  it('page by page gives what one page gives, in due order, ties by leg, paused legs last, none twice', async () => {
    const whole = await page('supervisor', '');
    expect(whole.items).toHaveLength(13);
    expect(whole.nextCursor).toBeNull();
    const due = whole.items.map((r) => r.dueAt);
    expect(due.slice(11)).toEqual([null, null]);
    expect(whole.items.slice(11).map((r) => r.overdueMinutes)).toEqual([null, null]);
    const dated = due.slice(0, 11) as string[];
    expect([...dated].sort()).toEqual(dated);
    expect(new Set(dated).size).toBeLessThan(dated.length); // the ties are really there
    for (const limit of [1, 3, 5, 12]) {
      const { rows, pages } = await walk('supervisor', limit);
      expect({ limit, rows }).toEqual({ limit, rows: whole.items });
      expect(pages).toBe(Math.ceil(13 / limit));
    }
  });

  it('the walk stays in scope: the community sees its legs, another community none', async () => {
    const { rows } = await walk('community', 4);
    expect(rows.map((r) => r.ticketId)).toEqual((await page('supervisor', '')).items.map((r) => r.ticketId));
    expect((await page('community2', '?limit=5')).items).toEqual([]);
    // A cursor taken from another scope's board is only a position: it shows nothing out of scope.
    const cursor = (await page('supervisor', '?limit=2')).nextCursor as string;
    expect((await page('community2', `?cursor=${encodeURIComponent(cursor)}`)).items).toEqual([]);
  });

  it.each([
    ['cursor', '?cursor=abc'],
    ['cursor', '?cursor=12.34.56'],
    ['cursor', "?cursor=1'%3B--.2"],
    ['limit', '?limit=0'],
    ['limit', '?limit=501'],
    ['limit', '?limit=2.5'],
  ])('%s that is not one (%s) → 400 naming it', async (field, query) => {
    const res = await as.get('supervisor', `/api/overdue${query}`);
    expect([res.status, res.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
  });
});
