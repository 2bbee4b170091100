import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { isDatabaseUnavailable } from '../database/database-unavailable';
import { reportPeriod } from './report-period.util';
import type { FactWindow } from './sla-facts.sql';
import { allFactsOf, applyDeltaSql, DELETE_MONTHS_SQL, rollupDaysSql, rollupMonthsSql, TICKET_FACT_COLUMNS, ticketFactsSql } from './report-rollup.sql';

/** One advisory lock for every writer of report_rollups: a drain and a rebuild never write the same slice at once. */
const ROLLUP_LOCK = 0x7262_726f; // 'rbro'

/** Tickets folded in per drain transaction: bounds the transaction, the next run takes the rest. */
const DRAIN_BATCH = 500;

const SH = `AT TIME ZONE 'Asia/Shanghai'`;

/** The drain's working set: the dirty tickets' stored facts (n = -1) and current ones (n = 1). Per session, emptied at commit. */
const DELTA_TABLE_SQL = `
CREATE TEMP TABLE IF NOT EXISTS report_drain_delta (
  day date, community_id int, category_id int, handler_org_id int, channel_id smallint, until date,
  mc smallint, flag boolean, bin smallint, n int, v numeric) ON COMMIT DELETE ROWS`;
const DELTA_COLUMNS = 'day, community_id, category_id, handler_org_id, channel_id, until, mc, flag, bin';

const monthOf = (day: string) => `${day.slice(0, 7)}-01`;

/**
 * Keeps report_rollups equal to the facts. Each ticket's facts as last folded in are stored in
 * report_ticket_facts; `drain()` (run every few seconds by the `reports.rollup` job) takes the
 * tickets marked dirty, subtracts their stored facts from the day and month rows, adds their current
 * ones and stores those: its cost follows the tickets that changed, however many tickets share their
 * days. `rebuild()` recomputes a whole range from the raw tables (facts and rollups alike) and is the
 * reference a drained table must equal. Both run under one advisory lock, each in transactions that
 * leave facts and rollups consistent, so running either twice gives the same rows.
 */
@Injectable()
export class ReportRollupService {
  private readonly logger = new Logger('ReportRollups');

  constructor(private readonly db: DataSource) {}

  /**
   * Folds the DRAIN_BATCH oldest dirty tickets in; returns how many (0: nothing was dirty). Waits
   * for a drain or rebuild that holds the lock: the caller may need what it folds in.
   */
  async drain(batch = DRAIN_BATCH): Promise<number> {
    return (await this.drainBatch(batch, true)) ?? 0;
  }

  /**
   * One drain transaction of the `batch` oldest dirty tickets; null when `wait` is false and another
   * drain or a rebuild holds the lock. When the batch fails on its data rather than on the
   * connection, its tickets are retried one transaction each, so one ticket the drain cannot fold in
   * (a row no report window expected) does not hold every later change out of the reports. That
   * ticket is logged and marked again, which sends it behind the others, and is retried on later
   * runs: nothing is dropped.
   */
  private async drainBatch(batch: number, wait: boolean): Promise<number | null> {
    try {
      return await this.drainOnce(batch, wait);
    } catch (error) {
      if (batch === 1 || isDatabaseUnavailable(error)) throw error;
      const tickets: Array<{ ticket_id: number }> = await this.db.query(
        'SELECT ticket_id FROM report_dirty_tickets ORDER BY marked_at LIMIT $1',
        [batch],
      );
      this.logger.warn(`drain of ${tickets.length} tickets failed (${(error as Error).message}); folding them in one by one`);
      let folded = 0;
      for (const { ticket_id: id } of tickets) {
        try {
          const n = await this.drainOnce(1, wait, id);
          if (n === null) return folded;
          folded += n;
        } catch (one) {
          if (isDatabaseUnavailable(one)) throw one;
          this.logger.error(`ticket ${id} cannot be folded into the report rollups: ${(one as Error).message}`);
          await this.db.query('UPDATE report_dirty_tickets SET marked_at = clock_timestamp() WHERE ticket_id = $1', [id]);
        }
      }
      return folded;
    }
  }

  /** `only`: drain that one ticket (when marked), not the oldest. */
  private async drainOnce(batch: number, wait: boolean, only?: number): Promise<number | null> {
    return this.db.transaction(async (em) => {
      if (wait) await em.query('SELECT pg_advisory_xact_lock($1)', [ROLLUP_LOCK]);
      else {
        const [{ locked }]: Array<{ locked: boolean }> = await em.query('SELECT pg_try_advisory_xact_lock($1) AS locked', [ROLLUP_LOCK]);
        if (!locked) return null;
      }
      // A drain runs a few small queries. At city scale the planner's estimates pass the JIT
      // thresholds and a query spent ~150 ms (1 M tickets) to seconds (5 M) compiling code for a few
      // hundred rows; parallel workers cost more to start than they save here (docs/benchmarks.md).
      await em.query('SET LOCAL jit = off');
      await em.query('SET LOCAL max_parallel_workers_per_gather = 0');
      const dirty: Array<{ ticket_id: number; marked_at: string }> = await em.query(
        `SELECT ticket_id, marked_at::text FROM report_dirty_tickets ${only === undefined ? '' : 'WHERE ticket_id = $2'} ORDER BY marked_at LIMIT $1`,
        only === undefined ? [batch] : [batch, only],
      );
      if (dirty.length === 0) return 0;
      const ids = dirty.map((d) => d.ticket_id);
      await this.applyDelta(em, ids);
      // A ticket marked again since we read it keeps its row (marked_at moved on) and is folded in next time.
      await em.query(
        `DELETE FROM report_dirty_tickets d USING unnest($1::int[], $2::timestamptz[]) AS x(id, at)
          WHERE d.ticket_id = x.id AND d.marked_at = x.at`,
        [ids, dirty.map((d) => d.marked_at)],
      );
      return dirty.length;
    });
  }

  /**
   * Replaces the stored facts of `ids` with their current ones and applies the difference to the
   * rollups. A ticket with no stored facts contributed nothing (a new ticket; every older one was
   * backfilled by the migration that added the table), and a ticket gone from the raw tables
   * contributes nothing now.
   */
  private async applyDelta(em: EntityManager, ids: number[]): Promise<void> {
    await em.query(DELTA_TABLE_SQL);
    await em.query(
      `WITH old AS (DELETE FROM report_ticket_facts WHERE ticket_id = ANY($1::int[]) RETURNING *)
       INSERT INTO report_drain_delta (${DELTA_COLUMNS}, n, v) SELECT ${DELTA_COLUMNS}, -1, -v FROM old`,
      [ids],
    );
    await em.query(
      `WITH new AS (${insertFactsSql(allFactsOf('t.id = ANY($1::int[])'))}
                    RETURNING *)
       INSERT INTO report_drain_delta (${DELTA_COLUMNS}, n, v) SELECT ${DELTA_COLUMNS}, 1, v FROM new`,
      [ids],
    );
    const rows: Array<{ grain: string; day: string; community_id: number; dim: string; dim_id: number; until: string; zero: boolean }> =
      await em.query(applyDeltaSql());
    // A row all of whose facts were taken away: a rebuild would have no row there.
    const zero = rows.filter((r) => r.zero);
    if (zero.length > 0) {
      await em.query(
        `DELETE FROM report_rollups r USING unnest($1::text[], $2::date[], $3::int[], $4::text[], $5::int[], $6::date[]) AS z(grain, day, community_id, dim, dim_id, until)
          WHERE (r.grain, r.day, r.community_id, r.dim, r.dim_id, r.until) = (z.grain, z.day, z.community_id, z.dim, z.dim_id, z.until)`,
        ['grain', 'day', 'community_id', 'dim', 'dim_id', 'until'].map((k) => zero.map((r) => r[k as keyof typeof r])),
      );
    }
  }

  /**
   * Drains until every change marked before the call is folded in (later ones may remain: with
   * tickets moving all the time, "nothing dirty" may never come), or for at most `maxBatches`.
   *
   * `ifIdle` (the scheduled `reports.rollup` job): when another drain or a rebuild holds the lock,
   * return at once instead of queueing behind it. The holder is folding the same backlog in; a
   * scheduled run that waited held a worker slot and a database connection for nothing, and under a
   * burst of breaches (each marks its ticket dirty) runs started every few seconds piled up behind
   * the lock (9 of 16 worker connections in the deadlines bench of 2026-12-05).
   */
  async drainAll(maxBatches = Infinity, { ifIdle = false }: { ifIdle?: boolean } = {}): Promise<number> {
    const [{ cutoff }]: Array<{ cutoff: string }> = await this.db.query('SELECT clock_timestamp()::text AS cutoff');
    let total = 0;
    for (let i = 0; i < maxBatches; i += 1) {
      const n = await this.drainBatch(DRAIN_BATCH, !ifIdle);
      if (n === null) break;
      total += n;
      if (n === 0) break;
      const [{ left }]: Array<{ left: boolean }> = await this.db.query(
        'SELECT EXISTS (SELECT 1 FROM report_dirty_tickets WHERE marked_at <= $1::timestamptz) AS left',
        [cutoff],
      );
      if (!left) break;
    }
    return total;
  }

  /**
   * Recomputes every slice of the Shanghai days [from, to] from the raw tables, `monthsPerPass`
   * months per transaction (default a year: each pass joins the facts to the whole tickets table
   * once, so fewer, larger passes are cheaper; measured in docs/benchmarks.md). from/to default to
   * the first ticket's day and today.
   */
  async rebuild(from?: string, to?: string, log: (line: string) => void = (l) => this.logger.log(l), monthsPerPass = 12): Promise<void> {
    const [bounds]: Array<{ first: string | null; today: string }> = await this.db.query(
      `SELECT to_char((min(created_at) ${SH})::date, 'YYYY-MM-DD') AS first, to_char((now() ${SH})::date, 'YYYY-MM-DD') AS today FROM tickets`,
    );
    // Every day of the data: the stored facts are written whole first (see rewriteAllFacts), and the
    // passes then cover every day they fall on.
    const whole = from === undefined && to === undefined;
    const facts = whole ? await this.rewriteAllFacts(log) : null;
    const first = from ?? [bounds.first, facts?.first].filter((d): d is string => !!d).sort()[0];
    const last = to ?? [bounds.today, facts?.last].filter((d): d is string => !!d).sort().reverse()[0];
    if (!first) return;
    const communities: number[] = (await this.db.query(`SELECT id FROM org_units WHERE kind = 'community' ORDER BY id`)).map((r: { id: number }) => r.id);
    const passes: Array<{ a: string; b: string; months: string[] }> = [];
    for (let a = first; a <= last; ) {
      const months: string[] = [monthOf(a)];
      while (months.length < monthsPerPass && addMonth(months[months.length - 1]) <= last) months.push(addMonth(months[months.length - 1]));
      const next = addMonth(months[months.length - 1]);
      passes.push({ a, b: next <= last ? previousDay(next) : last, months });
      a = next;
    }
    for (const { a, b, months } of passes) {
      const started = Date.now();
      const { step, steps } = stepTimer();
      await this.db.transaction(async (em) => {
        await step('lock', () => em.query('SELECT pg_advisory_xact_lock($1)', [ROLLUP_LOCK]));
        await em.query('SET LOCAL jit = off');
        // The pre-aggregation of a year's facts fits in memory this way instead of spilling to disk.
        await em.query(`SET LOCAL work_mem = '256MB'`);
        if (!whole) {
          // The facts of these days, as the raw tables hold them now; the day rows are summed from them.
          await step('facts delete', () => em.query(`DELETE FROM report_ticket_facts WHERE day BETWEEN $1 AND $2`, [a, b]));
          await step('facts insert', () => em.query(insertFactsSql(DAYS_WINDOW), periodParams(a, b)));
        }
        await step('days delete', () => em.query(`DELETE FROM report_rollups WHERE grain = 'day' AND day BETWEEN $1 AND $2`, [a, b]));
        await step('days insert', () => em.query(rollupDaysSql(), [a, b]));
        await step('months', () => this.recomputeMonths(em, months.flatMap((month) => communities.map((communityId) => ({ communityId, month })))));
      });
      log(`rollups ${a}..${b}: ${Date.now() - started} ms (${steps.join(', ')}; commit included in the total)`);
    }
    // A rebuild rewrites most of both tables at once; until autovacuum notices, the planner would
    // take the drain's lookup of a few tickets' facts for a scan of all of them (measured: 0.6 s
    // instead of a few ms at 200,000 tickets).
    await this.db.query('ANALYZE report_ticket_facts, report_rollups');
  }

  /**
   * The stored facts of every day, rewritten in one transaction under the rollups' lock: the table
   * emptied (TRUNCATE), its primary key and indexes dropped, every fact inserted in one statement,
   * then the key and indexes built again from their own definitions (read from the catalog, so the names the
   * migrations gave them stay). At 1,000,000 tickets, keeping the indexes while inserting cost
   * about 15 s of a 42 s step per year of facts, and deleting the old rows more (docs/benchmarks.md).
   * Only drains and rebuilds read this table, and both hold the lock first: TRUNCATE's exclusive
   * table lock blocks nobody else, and a drain waiting meanwhile folds its tickets in afterwards.
   * The day and month rows are then summed from these facts pass by pass, as in a partial rebuild.
   */
  private async rewriteAllFacts(log: (line: string) => void): Promise<{ first: string | null; last: string | null }> {
    const started = Date.now();
    const { step, steps } = stepTimer();
    let days: { first: string | null; last: string | null } = { first: null, last: null };
    await this.db.transaction(async (em) => {
      await step('lock', () => em.query('SELECT pg_advisory_xact_lock($1)', [ROLLUP_LOCK]));
      await em.query('SET LOCAL jit = off');
      await em.query(`SET LOCAL work_mem = '256MB'`);
      await em.query(`SET LOCAL maintenance_work_mem = '512MB'`);
      const keys: Array<{ name: string; def: string }> = await em.query(
        `SELECT conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint
          WHERE conrelid = 'report_ticket_facts'::regclass AND contype IN ('p', 'u') ORDER BY conname`,
      );
      const indexes: Array<{ name: string; def: string }> = await em.query(
        `SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS def FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
          WHERE i.indrelid = 'report_ticket_facts'::regclass
            AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid AND k.conrelid = i.indrelid)
          ORDER BY c.relname`,
      );
      await step('facts truncate', async () => {
        await em.query('TRUNCATE report_ticket_facts');
        for (const k of keys) await em.query(`ALTER TABLE report_ticket_facts DROP CONSTRAINT ${quoteIdent(k.name)}`);
        for (const i of indexes) await em.query(`DROP INDEX ${quoteIdent(i.name)}`);
      });
      // Every fact with an instant, whatever its day: none is left out of the table the drains
      // subtract from, and the passes then cover the days from the first fact's to the last's.
      await step('facts insert', () => em.query(insertFactsSql(allFactsOf('TRUE'))));
      await step('facts keys', async () => {
        for (const k of keys) await em.query(`ALTER TABLE report_ticket_facts ADD CONSTRAINT ${quoteIdent(k.name)} ${k.def}`);
        for (const i of indexes) await em.query(i.def);
      });
      await step('facts analyze', () => em.query('ANALYZE report_ticket_facts'));
      [days] = await em.query(`SELECT min(day)::text AS first, max(day)::text AS last FROM report_ticket_facts`);
      // Rollup rows of days no fact falls on any more (none, unless rows were removed by hand).
      await step('rollups outside', () =>
        em.query(
          `DELETE FROM report_rollups WHERE $1::date IS NULL OR (grain = 'day' AND (day < $1 OR day > $2))
              OR (grain = 'month' AND (day < date_trunc('month', $1::date)::date OR day > $2))`,
          [days.first, days.last],
        ),
      );
    });
    log(`facts, every day: ${Date.now() - started} ms (${steps.join(', ')}; commit included in the total)`);
    return days;
  }

  private async recomputeMonths(em: EntityManager, slices: Array<{ communityId: number; month: string }>): Promise<void> {
    const unique = [...new Map(slices.map((s) => [`${s.communityId}/${s.month}`, s])).values()];
    if (unique.length === 0) return;
    const params = [unique.map((s) => s.communityId), unique.map((s) => s.month)];
    await em.query(DELETE_MONTHS_SQL, params);
    await em.query(rollupMonthsSql(), params);
  }
}

/**
 * Times the steps of a rebuild transaction for its log line: at city scale a pass takes minutes, and
 * where they go (the stored facts, the day rows, the month rows) decides what to make faster.
 */
function stepTimer() {
  const steps: string[] = [];
  const step = async <T>(label: string, run: () => Promise<T>): Promise<T> => {
    const t0 = Date.now();
    const result = await run();
    steps.push(`${label} ${Date.now() - t0}`);
    return result;
  };
  return { step, steps };
}

/** INSERT of the stored facts in `window`. */
const insertFactsSql = (window: FactWindow) => `INSERT INTO report_ticket_facts (${TICKET_FACT_COLUMNS}) ${ticketFactsSql(window)}`;

/** Every ticket's facts of the Shanghai days [$1, $2), given as instants (periodParams). */
const DAYS_WINDOW: FactWindow = { at: (ts) => `${ts} >= $1 AND ${ts} < $2`, tickets: 'TRUE' };

function periodParams(a: string, b: string): [Date, Date] {
  const period = reportPeriod(a, b);
  return [period.start, period.end];
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

function addMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10);
}

function previousDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}
