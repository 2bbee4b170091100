import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { reportPeriod } from './report-period.util';
import { DELETE_MONTHS_SQL, rollupDaysSql, rollupMonthsSql } from './report-rollup.sql';

/** One advisory lock for every writer of report_rollups: a drain and a rebuild never write the same slice at once. */
const ROLLUP_LOCK = 0x7262_726f; // 'rbro'

/** Tickets folded in per drain transaction: bounds the transaction, the next run takes the rest. */
const DRAIN_BATCH = 500;

const SH = `AT TIME ZONE 'Asia/Shanghai'`;

/** The Shanghai days each dirty ticket's facts fall on now, plus the days they left (recorded by the triggers). */
const DIRTY_SLICES_SQL = `
SELECT DISTINCT t.community_id, to_char(x.day, 'YYYY-MM-DD') AS day
  FROM report_dirty_tickets r
  JOIN tickets t ON t.id = r.ticket_id
 CROSS JOIN LATERAL (
   SELECT unnest(r.days) AS day
   UNION SELECT (t.created_at ${SH})::date
   UNION SELECT (e.created_at ${SH})::date FROM ticket_events e WHERE e.ticket_id = t.id
   UNION SELECT (v.at ${SH})::date FROM ticket_deadlines d,
          LATERAL (VALUES (d.started_at), (d.closed_at), (LEAST(d.due_at, d.breached_at))) AS v(at)
    WHERE d.ticket_id = t.id
 ) x
 WHERE r.ticket_id = ANY($1::int[]) AND x.day IS NOT NULL`;

const monthOf = (day: string) => `${day.slice(0, 7)}-01`;

/**
 * Keeps report_rollups equal to the facts: `drain()` recomputes the day and month slices that the
 * tickets marked dirty touch (run every few seconds by the `reports.rollup` job), `rebuild()`
 * recomputes a whole range from the raw tables. Both delete and re-insert whole slices in one
 * transaction, so running either twice gives the same rows.
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
    return this.db.transaction(async (em) => {
      await em.query('SELECT pg_advisory_xact_lock($1)', [ROLLUP_LOCK]);
      // A drain runs one small query per touched day. At city scale the planner's estimates pass the
      // JIT thresholds and each query spent ~150 ms (1 M tickets) to seconds (5 M) compiling code for
      // a few hundred rows; parallel workers cost more to start than they save here. Measured in
      // docs/benchmarks.md: without both, a day slice took 270 ms at 1 M tickets, with them 34 ms.
      await em.query('SET LOCAL jit = off');
      await em.query('SET LOCAL max_parallel_workers_per_gather = 0');
      const dirty: Array<{ ticket_id: number; marked_at: string }> = await em.query(
        'SELECT ticket_id, marked_at::text FROM report_dirty_tickets ORDER BY marked_at LIMIT $1',
        [batch],
      );
      if (dirty.length === 0) return 0;
      const slices: Array<{ community_id: number; day: string }> = await em.query(DIRTY_SLICES_SQL, [dirty.map((d) => d.ticket_id)]);
      const byDay = new Map<string, number[]>();
      for (const s of slices) byDay.set(s.day, [...(byDay.get(s.day) ?? []), s.community_id]);
      for (const [day, communities] of byDay) await this.recomputeDay(em, day, communities);
      await this.recomputeMonths(em, slices.map((s) => ({ communityId: s.community_id, month: monthOf(s.day) })));
      // A ticket marked again since we read it keeps its row (marked_at moved on) and is folded in next time.
      await em.query(
        `DELETE FROM report_dirty_tickets d USING unnest($1::int[], $2::timestamptz[]) AS x(id, at)
          WHERE d.ticket_id = x.id AND d.marked_at = x.at`,
        [dirty.map((d) => d.ticket_id), dirty.map((d) => d.marked_at)],
      );
      return dirty.length;
    });
  }

  /**
   * Drains until every change marked before the call is folded in (later ones may remain: with
   * tickets moving all the time, "nothing dirty" may never come), or for at most `maxBatches`.
   */
  async drainAll(maxBatches = Infinity): Promise<number> {
    const [{ cutoff }]: Array<{ cutoff: string }> = await this.db.query('SELECT clock_timestamp()::text AS cutoff');
    let total = 0;
    for (let i = 0; i < maxBatches; i += 1) {
      const n = await this.drain();
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
    const first = from ?? bounds.first;
    const last = to ?? bounds.today;
    if (!first) return;
    const communities: number[] = (await this.db.query(`SELECT id FROM org_units WHERE kind = 'community' ORDER BY id`)).map((r: { id: number }) => r.id);
    for (let a = first; a <= last; ) {
      const months: string[] = [monthOf(a)];
      while (months.length < monthsPerPass && addMonth(months[months.length - 1]) <= last) months.push(addMonth(months[months.length - 1]));
      const next = addMonth(months[months.length - 1]);
      const b = next <= last ? previousDay(next) : last;
      const started = Date.now();
      await this.db.transaction(async (em) => {
        await em.query('SELECT pg_advisory_xact_lock($1)', [ROLLUP_LOCK]);
        await em.query('SET LOCAL jit = off');
        // The pre-aggregation of a year's facts fits in memory this way instead of spilling to disk.
        await em.query(`SET LOCAL work_mem = '256MB'`);
        const period = reportPeriod(a, b);
        await em.query(`DELETE FROM report_rollups WHERE grain = 'day' AND day BETWEEN $1 AND $2`, [a, b]);
        await em.query(rollupDaysSql({ at: (ts) => `${ts} >= $1 AND ${ts} < $2`, tickets: 'TRUE' }), [period.start, period.end]);
        await this.recomputeMonths(em, months.flatMap((month) => communities.map((communityId) => ({ communityId, month }))));
      });
      log(`rollups ${a}..${b}: ${Date.now() - started} ms`);
      a = next;
    }
  }

  private async recomputeDay(em: EntityManager, day: string, communities: number[]): Promise<void> {
    const period = reportPeriod(day, day);
    await em.query(`DELETE FROM report_rollups WHERE grain = 'day' AND day = $1 AND community_id = ANY($2::int[])`, [day, communities]);
    await em.query(rollupDaysSql({ at: (ts) => `${ts} >= $1 AND ${ts} < $2`, tickets: 't.community_id = ANY($3::int[])' }), [
      period.start,
      period.end,
      communities,
    ]);
  }

  private async recomputeMonths(em: EntityManager, slices: Array<{ communityId: number; month: string }>): Promise<void> {
    const unique = [...new Map(slices.map((s) => [`${s.communityId}/${s.month}`, s])).values()];
    if (unique.length === 0) return;
    const params = [unique.map((s) => s.communityId), unique.map((s) => s.month)];
    await em.query(DELETE_MONTHS_SQL, params);
    await em.query(rollupMonthsSql(), params);
  }
}

function addMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10);
}

function previousDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}
