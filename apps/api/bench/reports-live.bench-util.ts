import { performance } from 'node:perf_hooks';
import type { DataSource } from 'typeorm';
import { reportBuckets, reportPeriod } from '../src/reports/report-period.util';
import type { ReportRollupService } from '../src/reports/report-rollup.service';
import type { ReportScope } from '../src/reports/report-scope';
import type { SlaReportService } from '../src/reports/sla-report.service';

/**
 * The reports' live path at scale (issue #14): how long a drain of N changed tickets takes, and how
 * far a report read right after a change lags the raw tables under the real drain schedule.
 * Changes are real writes through the marking triggers — a rating added months after the ticket,
 * open legs closed late — on tickets drawn from the whole history (old and recent months alike).
 */

export const FLOOR_DRAIN_MS: Record<number, number> = { 10: 200, 500: 1000 };

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)];
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `n` tickets changed in one transaction each way the live system changes old tickets: half drawn
 * from the whole id range (any month since the start), half from the last month; each gets a phone
 * return visit with a rating now, and its open legs (if any) close now — late, months after they
 * went overdue. Returns the ticket ids.
 */
async function changeTickets(ds: DataSource, n: number, rnd: () => number, actor: number): Promise<number[]> {
  const [{ max }]: Array<{ max: number }> = await ds.query('SELECT max(id) AS max FROM tickets');
  const old = new Set<number>();
  while (old.size < Math.ceil(n / 2)) old.add(1 + Math.floor(rnd() * max));
  const recent: Array<{ id: number }> = await ds.query(
    `SELECT id FROM tickets WHERE created_at >= (SELECT max(created_at) FROM tickets) - interval '31 days' AND id <> ALL($2::int[])
      ORDER BY random() LIMIT $1`,
    [n - old.size, [...old]],
  );
  const ids = [...old, ...recent.map((r) => r.id)];
  await ds.transaction(async (em) => {
    await em.query(
      `INSERT INTO ticket_events (ticket_id, action, from_status, to_status, actor_id, actor_role, data, created_at)
       SELECT t.id, 'visit', t.status, t.status, $2, 'admin',
              jsonb_build_object('rating', (ARRAY['satisfied', 'basically_satisfied', 'dissatisfied'])[1 + (t.id % 3)], 'handlerOrgId', t.handler_org_id), now()
         FROM tickets t WHERE t.id = ANY($1::int[])`,
      [ids, actor],
    );
    await em.query(
      `UPDATE ticket_deadlines SET status = 'met', closed_at = now() WHERE ticket_id = ANY($1::int[]) AND status = 'open' AND leg <> 'survey'`,
      [ids],
    );
  });
  return ids;
}

/** Drains of 10 and of 500 changed tickets, `runs` each: lines to print. */
export async function measureDrains(ds: DataSource, rollups: ReportRollupService, rnd: () => number, runs: number, load: () => string): Promise<string[]> {
  const [{ id: actor }]: Array<{ id: number }> = await ds.query(`SELECT id FROM users ORDER BY id LIMIT 1`);
  // Whatever is marked from before (nothing after a rebuild) is not part of the figure.
  await rollups.drainAll();
  const lines: string[] = [];
  for (const changed of [10, 500]) {
    const times: number[] = [];
    for (let run = 0; run < runs; run += 1) {
      await changeTickets(ds, changed, rnd, actor);
      const started = performance.now();
      const drained = await rollups.drainAll();
      times.push(performance.now() - started);
      if (drained < changed) throw new Error(`drain folded in ${drained} of ${changed} changed tickets`);
    }
    const p50 = percentile(times, 0.5);
    const max = Math.max(...times);
    const floor = FLOOR_DRAIN_MS[changed];
    lines.push(
      `drain of ${changed} changed tickets (half any month since 2024, half the last month), ${runs} runs: ` +
        `p50 ${p50.toFixed(0)} ms, max ${max.toFixed(0)} ms (${times.map((t) => t.toFixed(0)).join(', ')}) ` +
        `${max <= floor ? '✅' : 'FAIL'} ≤ ${floor} ms (${load()})`,
    );
  }
  return lines;
}

/**
 * The lag a reader sees: the `reports.rollup` job's schedule (a drain of at most `batches` batches
 * every `intervalMs`, as WorkerHost registers it) runs in the background; `probes` times, at a
 * random moment, one ticket gets a rating (committed), then its community's report for today is
 * read from the rollups every 25 ms until it counts the rating. Floor: interval + 1 s.
 */
export async function measureLag(
  ds: DataSource,
  rollups: ReportRollupService,
  reports: SlaReportService,
  opts: { intervalMs: number; batches: number; probes: number; rnd: () => number; load: () => string },
): Promise<string[]> {
  const [{ id: actor }]: Array<{ id: number }> = await ds.query(`SELECT id FROM users ORDER BY id LIMIT 1`);
  const [{ max }]: Array<{ max: number }> = await ds.query('SELECT max(id) AS max FROM tickets');
  const [{ today }]: Array<{ today: string }> = await ds.query(`SELECT to_char((now() AT TIME ZONE 'Asia/Shanghai')::date, 'YYYY-MM-DD') AS today`);
  let running = true;
  const drainTimes: number[] = [];
  // Like BullMQ's `every` scheduler: a run every intervalMs, never two at once.
  const schedule = (async () => {
    while (running) {
      const started = performance.now();
      await rollups.drainAll(opts.batches);
      drainTimes.push(performance.now() - started);
      await sleep(Math.max(0, opts.intervalMs - (performance.now() - started)));
    }
  })();
  const satisfiedToday = async (scope: ReportScope): Promise<number> =>
    ds.transaction('REPEATABLE READ', async (em) => {
      const period = reportPeriod(today, today);
      const [row] = await reports.run(em, { scope, period, buckets: reportBuckets(period, null), groupBy: null, interval: null }, 'rollups');
      return Number(row?.satisfied ?? 0);
    });
  const lags: number[] = [];
  try {
    for (let probe = 0; probe < opts.probes; probe += 1) {
      await sleep(Math.floor(opts.rnd() * opts.intervalMs));
      const ticketId = 1 + Math.floor(opts.rnd() * max);
      const [t]: Array<{ community_id: number; name: string }> = await ds.query(
        'SELECT t.community_id, u.name FROM tickets t JOIN org_units u ON u.id = t.community_id WHERE t.id = $1',
        [ticketId],
      );
      const scope: ReportScope = { id: t.community_id, kind: 'community', name: t.name };
      const before = await satisfiedToday(scope);
      await ds.query(
        `INSERT INTO ticket_events (ticket_id, action, from_status, to_status, actor_id, actor_role, data, created_at)
         SELECT t.id, 'rate', t.status, t.status, $2, 'admin', jsonb_build_object('rating', 'satisfied', 'handlerOrgId', t.handler_org_id), now()
           FROM tickets t WHERE t.id = $1`,
        [ticketId, actor],
      );
      const committed = performance.now();
      for (;;) {
        if ((await satisfiedToday(scope)) > before) break;
        if (performance.now() - committed > 10 * opts.intervalMs) throw new Error(`ticket ${ticketId}'s rating not in the report after ${10 * opts.intervalMs} ms`);
        await sleep(25);
      }
      lags.push(performance.now() - committed);
    }
  } finally {
    running = false;
    await schedule;
  }
  const floor = opts.intervalMs + 1000;
  const maxLag = Math.max(...lags);
  return [
    `report lag after a change (drain every ${opts.intervalMs} ms, ${opts.batches} batches at most, ${opts.probes} probes): ` +
      `p50 ${(percentile(lags, 0.5) / 1000).toFixed(2)} s, p95 ${(percentile(lags, 0.95) / 1000).toFixed(2)} s, max ${(maxLag / 1000).toFixed(2)} s ` +
      `${maxLag <= floor ? '✅' : 'FAIL'} ≤ ${(floor / 1000).toFixed(1)} s · lags ${lags.map((l) => (l / 1000).toFixed(2)).join(' ')} · ` +
      `scheduled drains p50 ${percentile(drainTimes, 0.5).toFixed(0)} ms, max ${Math.max(...drainTimes).toFixed(0)} ms (${opts.load()})`,
  ];
}
