import type { DataSource } from 'typeorm';
import { ReportTicketFacts1795300003800 } from '../src/database/migrations/1795300003800-ReportTicketFacts';
import { reportBuckets, reportPeriod } from '../src/reports/report-period.util';
import { ReportRollupService } from '../src/reports/report-rollup.service';
import type { ReportScope } from '../src/reports/report-scope';
import { SlaReportService, type SlaRow, type SlaSource } from '../src/reports/sla-report.service';
import type { ReportGroupBy } from '../src/reports/sla-report.sql';
import { Actors } from './support/actors';
import { HistoryGenerator, loadWorld, mulberry32, type World } from './support/random-history';
import { startAppOnOwnDatabase, type TestApp } from './support/test-app';

/**
 * Issue #14: the stored per-ticket facts the drain's deltas start from. (1) A database that had
 * tickets before report_ticket_facts existed is backfilled by its migration, and a drain after it
 * still gives the reference's figures. (2) Editing a compound's household count needs no rebuild:
 * known ↔ unknown marks the compound's tickets for the drain (the 投诉率 numerator is stored), a new
 * count is read when the report is asked. A database of its own: the edits change district-wide
 * household sums the report suites alongside read. No drain on read here: the drain runs only where
 * the test calls it, as the `reports.rollup` job would.
 */
const YEAR = 2025;
const SEED = 20261205;

describe('report_ticket_facts: backfill on migration, household edits', () => {
  let t: TestApp;
  let db: DataSource;
  let rollups: ReportRollupService;
  let reports: SlaReportService;
  let as: Actors;
  let world: World;
  let gen: HistoryGenerator;
  let compound: { id: number; community_id: number; households: number; company: number };
  let community: ReportScope;
  const rnd = mulberry32(SEED);

  beforeAll(async () => {
    t = await startAppOnOwnDatabase({ REPORT_DRAIN_ON_READ: 'false' });
    db = t.db;
    as = new Actors(t);
    rollups = t.app.get(ReportRollupService);
    reports = t.app.get(SlaReportService);
    // A compound with known households and a company under contract for the whole of Q1 (the ranking below).
    [compound] = await db.query(
      `SELECT cp.id, cp.community_id, cp.households, c.organization_id AS company
         FROM org_units cp JOIN compound_contracts c ON c.compound_id = cp.id
        WHERE cp.kind = 'compound' AND cp.households IS NOT NULL AND c.starts_on <= $1 AND c.ends_on >= $2
        ORDER BY cp.id LIMIT 1`,
      [`${YEAR}-01-01`, `${YEAR}-03-31`],
    );
    const [c]: Array<{ id: number; name: string }> = await db.query('SELECT id, name FROM org_units WHERE id = $1', [compound.community_id]);
    community = { id: c.id, kind: 'community', name: c.name };
    world = { ...(await loadWorld(db)), compounds: [compound.id] };
    gen = new HistoryGenerator(db, world, rnd, YEAR, `facts-${Date.now().toString(36)}-`);
    for (let i = 1; i <= 40; i += 1) await gen.ticket(i);
    await rollups.drainAll();
  }, 180_000);

  afterAll(async () => {
    await t?.close();
  });

  const read = (groupBy: ReportGroupBy | null, source: SlaSource, scope: ReportScope = community): Promise<SlaRow[]> =>
    db.transaction('REPEATABLE READ', async (em) => {
      const period = reportPeriod(`${YEAR}-01-01`, `${YEAR}-12-31`);
      return reports.run(em, { scope, period, buckets: reportBuckets(period, 'month'), groupBy, interval: 'month' }, source);
    });
  const expectRollupsEqualReference = async () => {
    for (const groupBy of [null, 'company', 'category'] as const) expect(await read(groupBy, 'rollups')).toEqual(await read(groupBy, 'reference'));
  };
  const snapshot = async () => ({
    rollups: await db.query('SELECT * FROM report_rollups ORDER BY grain, dim, day, community_id, dim_id, until'),
    facts: await db.query('SELECT * FROM report_ticket_facts ORDER BY ticket_id, mc, src_id, day'),
  });

  it('a database with tickets but no stored facts: the migration backfills them and re-derives the rollups, lagging ones included', async () => {
    const runner = db.createQueryRunner();
    const migration = new ReportTicketFacts1795300003800();
    try {
      await migration.down(runner);
      // The old drain left a ticket behind: its rating is in the raw tables, not yet in the rollups.
      const [x]: Array<{ id: number; handler_org_id: number }> = await db.query(
        `SELECT id, handler_org_id FROM tickets WHERE compound_id = $1 AND handler_org_id IS NOT NULL ORDER BY id LIMIT 1`,
        [compound.id],
      );
      await gen.event(x.id, 'rate', new Date(`${YEAR}-09-10T10:00:00+08:00`), { rating: 'satisfied', handlerOrgId: x.handler_org_id });
      await runner.startTransaction();
      await migration.up(runner);
      await runner.commitTransaction();
    } finally {
      await runner.release();
    }
    const [{ n }]: Array<{ n: string }> = await db.query('SELECT count(DISTINCT ticket_id) AS n FROM report_ticket_facts');
    expect(Number(n)).toBeGreaterThanOrEqual(40);
    await expectRollupsEqualReference();
    // Draining the ticket left marked is then a delta like any other, and a rebuild gives the same rows.
    await rollups.drainAll();
    const drained = await snapshot();
    const factIndexes = await indexesOfFacts();
    expect(factIndexes).toContain('idx_report_ticket_facts_day');
    expect(factIndexes).toHaveLength(2); // and the primary key's
    const lines: string[] = [];
    await rollups.rebuild(undefined, undefined, (line) => lines.push(line));
    expect(await snapshot()).toEqual(drained);
    // A whole rebuild writes every stored fact first, in one step, then sums the rollups pass by
    // pass; each line has the time of each step (what an operator reads at city scale).
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines[0]).toMatch(/^facts, every day: \d+ ms \(lock \d+, facts truncate \d+, facts insert \d+, facts keys \d+, facts analyze \d+, rollups outside \d+;/);
    for (const line of lines.slice(1)) expect(line).toMatch(/^rollups \d{4}-\d\d-\d\d\.\.\d{4}-\d\d-\d\d: \d+ ms \(lock \d+, days delete \d+, days insert \d+, months \d+;/);
    // The stored facts' primary key and day index are back, under the names the migrations gave them.
    expect(await indexesOfFacts()).toEqual(factIndexes);
    const [pk]: Array<{ def: string }> = await db.query(`SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = 'report_ticket_facts'::regclass AND contype = 'p'`);
    expect(pk.def).toBe('PRIMARY KEY (ticket_id, mc, src_id, day)');
    // A partial rebuild (a range of days) keeps replacing the facts of its days in each pass.
    const partial: string[] = [];
    await rollups.rebuild(`${YEAR}-03-01`, `${YEAR}-04-30`, (line) => partial.push(line));
    expect(partial).toHaveLength(1);
    expect(partial[0]).toMatch(/^rollups \d{4}-03-01\.\.\d{4}-04-30: \d+ ms \(lock \d+, facts delete \d+, facts insert \d+, days delete \d+, days insert \d+, months \d+;/);
    expect(await snapshot()).toEqual(drained);
    await expectRollupsEqualReference();
  }, 180_000);

  const indexesOfFacts = async () =>
    ((await db.query(
      `SELECT c.relname AS name FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = 'report_ticket_facts'::regclass ORDER BY 1`,
    )) as Array<{ name: string }>).map((k) => k.name);
  const slaTotals = async () => {
    const res = await as.get('admin', `/api/reports/sla?from=${YEAR}-01-01&to=${YEAR}-12-31&scopeId=${community.id}`);
    expect(res.status).toBe(200);
    return res.body.totals as { households: number; complaints: number; received: number; complaintRate: number | null };
  };
  const patchHouseholds = async (households: number | null) => {
    const res = await t.http().patch(`/api/admin/org-units/${compound.id}`).set('authorization', `Bearer ${await as.token('admin')}`).send({ households });
    expect(res.status).toBe(200);
  };
  const ranked = async () => {
    const res = await as.get('admin', `/api/reports/ranking?quarter=${YEAR}Q1`);
    expect(res.status).toBe(200);
    return (res.body.rows as Array<{ company: { id: number }; households: number }>).find((r) => r.company.id === compound.company);
  };
  /** The compound's tickets: all of them (what an edit marks), and those reported in the year (what it reports). */
  const mine = async (inYear = false) => {
    const [r]: Array<{ n: string }> = await db.query(
      `SELECT count(*) AS n FROM tickets WHERE compound_id = $1 AND ($2 OR (created_at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN $3 AND $4)`,
      [compound.id, !inYear, `${YEAR}-01-01`, `${YEAR}-12-31`],
    );
    return Number(r.n);
  };
  const dirtyOfCompound = async () => {
    const [r]: Array<{ n: string }> = await db.query(
      'SELECT count(*) AS n FROM report_dirty_tickets d JOIN tickets t ON t.id = d.ticket_id WHERE t.compound_id = $1',
      [compound.id],
    );
    return Number(r.n);
  };

  it('households known → unknown → known through the admin API: the drain alone (no rebuild) brings the 投诉率 numerator along', async () => {
    await rollups.drainAll();
    const before = await slaTotals();
    const fromCompound = await mine(true);
    expect(fromCompound).toBeGreaterThanOrEqual(40);
    expect(before.complaints).toBeGreaterThanOrEqual(fromCompound);

    await patchHouseholds(null);
    expect(await dirtyOfCompound()).toBe(await mine());
    await rollups.drainAll();
    const unknown = await slaTotals();
    expect(unknown.households).toBe(before.households - compound.households);
    expect(unknown.complaints).toBe(before.complaints - fromCompound);
    expect(unknown.received).toBe(before.received);
    await expectRollupsEqualReference();

    await patchHouseholds(450);
    await rollups.drainAll();
    const known = await slaTotals();
    expect(known.households).toBe(before.households - compound.households + 450);
    expect(known.complaints).toBe(before.complaints);
    await expectRollupsEqualReference();
  }, 120_000);

  it('a new count for a compound whose count was known marks nothing: reports and rankings read it when asked', async () => {
    await rollups.drainAll();
    const before = await slaTotals();
    const rankedBefore = await ranked();
    expect(rankedBefore).toBeDefined();
    await patchHouseholds(460);
    expect(await dirtyOfCompound()).toBe(0);
    const after = await slaTotals();
    expect(after.households).toBe(before.households + 10);
    expect(after.complaints).toBe(before.complaints);
    expect((await ranked())?.households).toBe((rankedBefore?.households ?? 0) + 10);
  }, 60_000);

  it('the same edit made in SQL (an import or psql) marks the tickets too', async () => {
    await db.query('UPDATE org_units SET households = NULL WHERE id = $1', [compound.id]);
    expect(await dirtyOfCompound()).toBe(await mine());
    await rollups.drainAll();
    await expectRollupsEqualReference();
    await db.query('UPDATE org_units SET households = 460 WHERE id = $1', [compound.id]);
    await rollups.drainAll();
    await expectRollupsEqualReference();
  }, 60_000);

  it('the scheduled drain (ifIdle) steps aside while another drain or a rebuild holds the lock, and folds the backlog in after', async () => {
    const [ticket]: Array<{ id: number }> = await db.query('SELECT id FROM tickets WHERE compound_id = $1 ORDER BY id LIMIT 1', [compound.id]);
    await db.query(`SELECT report_mark_dirty($1, '{}')`, [ticket.id]);
    const isDirty = async () => (await db.query('SELECT 1 FROM report_dirty_tickets WHERE ticket_id = $1', [ticket.id])).length === 1;
    const holder = db.createQueryRunner();
    await holder.connect();
    try {
      await holder.startTransaction();
      // The lock every rollup writer takes (ReportRollupService's ROLLUP_LOCK, 'rbro').
      await holder.query('SELECT pg_advisory_xact_lock($1)', [0x7262_726f]);
      // A drain that waited for the lock would never return here: the holder lets go only below.
      expect(await rollups.drainAll(20, { ifIdle: true })).toBe(0);
      expect(await isDirty()).toBe(true);
      await holder.rollbackTransaction();
    } finally {
      await holder.release();
    }
    expect(await rollups.drainAll(20, { ifIdle: true })).toBeGreaterThanOrEqual(1);
    expect(await isDirty()).toBe(false);
    await expectRollupsEqualReference();
  }, 60_000);
  it('a leg with no instant (met, closed_at null: written by hand, nothing the engine writes) neither stops the drain nor the backfill', async () => {
    const [ticket]: Array<{ id: number; handler_org_id: number }> = await db.query(
      'SELECT id, handler_org_id FROM tickets WHERE compound_id = $1 AND handler_org_id IS NOT NULL ORDER BY id DESC LIMIT 1',
      [compound.id],
    );
    await db.query(
      `INSERT INTO ticket_deadlines (ticket_id, leg, party, party_org_id, clock, allowed_minutes, warn_ratio, escalation_minutes, started_at, due_at, status)
       VALUES ($1, 'resolve', 'company', $2, 'clock', 60, 0.8, 60, now() - interval '2 hours', now() - interval '1 hour', 'met')`,
      [ticket.id, ticket.handler_org_id],
    );
    // Alongside it, a change that does count: the drain must still fold it in.
    await gen.event(ticket.id, 'rate', new Date(`${YEAR}-06-01T10:00:00+08:00`), { rating: 'satisfied', handlerOrgId: ticket.handler_org_id });
    await rollups.drainAll();
    expect(await db.query('SELECT 1 FROM report_dirty_tickets WHERE ticket_id = $1', [ticket.id])).toHaveLength(0);
    expect(await db.query(`SELECT 1 FROM report_ticket_facts WHERE ticket_id = $1 AND day = '${YEAR}-06-01'`, [ticket.id])).toHaveLength(1);
    await expectRollupsEqualReference();
    const drained = await snapshot();
    // The migration's backfill reads the same facts.
    const runner = db.createQueryRunner();
    const migration = new ReportTicketFacts1795300003800();
    try {
      await migration.down(runner);
      await runner.startTransaction();
      await migration.up(runner);
      await runner.commitTransaction();
    } finally {
      await runner.release();
    }
    expect(await snapshot()).toEqual(drained);
  }, 60_000);
  it('a ticket the drain cannot fold in holds back no other: it is retried, logged, behind the rest, and folds in once it can', async () => {
    const picked: Array<{ id: number; handler_org_id: number }> = await db.query(
      'SELECT id, handler_org_id FROM tickets WHERE compound_id = $1 AND handler_org_id IS NOT NULL ORDER BY id LIMIT 3',
      [compound.id],
    );
    const [bad, ...good] = picked;
    expect(good).toHaveLength(2);
    // Each gets a rating on a day of its own, so its stored facts show whether it was folded in.
    const day = (i: number) => `${YEAR}-07-0${i + 1}`;
    for (const [i, x] of picked.entries()) {
      await gen.event(x.id, 'rate', new Date(`${day(i)}T10:00:00+08:00`), { rating: 'satisfied', handlerOrgId: x.handler_org_id });
    }
    const folded = (i: number) =>
      db.query('SELECT 1 FROM report_ticket_facts WHERE ticket_id = $1 AND day = $2', [picked[i].id, day(i)]).then((r: unknown[]) => r.length === 1);
    // A fault the drain's own SQL cannot make today: the stored facts of `bad` refuse to be written.
    await db.query(`CREATE FUNCTION refuse_facts_for_test() RETURNS trigger LANGUAGE plpgsql AS $$
                      BEGIN IF NEW.ticket_id = ${bad.id} THEN RAISE EXCEPTION 'refused for the test'; END IF; RETURN NEW; END $$`);
    await db.query('CREATE TRIGGER refuse_for_test BEFORE INSERT ON report_ticket_facts FOR EACH ROW EXECUTE FUNCTION refuse_facts_for_test()');
    try {
      const [before]: Array<{ at: string }> = await db.query('SELECT marked_at::text AS at FROM report_dirty_tickets WHERE ticket_id = $1', [bad.id]);
      await rollups.drainAll();
      expect([await folded(0), await folded(1), await folded(2)]).toEqual([false, true, true]);
      const [after]: Array<{ at: string; last: boolean }> = await db.query(
        'SELECT marked_at::text AS at, marked_at = (SELECT max(marked_at) FROM report_dirty_tickets) AS last FROM report_dirty_tickets WHERE ticket_id = $1',
        [bad.id],
      );
      expect(after.at > before.at).toBe(true);
      expect(after.last).toBe(true);
    } finally {
      await db.query('DROP TRIGGER refuse_for_test ON report_ticket_facts');
      await db.query('DROP FUNCTION refuse_facts_for_test()');
    }
    await rollups.drainAll();
    expect(await folded(0)).toBe(true);
    await expectRollupsEqualReference();
  }, 60_000);
});
