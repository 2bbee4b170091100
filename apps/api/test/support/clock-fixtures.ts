import type { DataSource } from 'typeorm';

/**
 * Fixtures for the deadline engine: many tickets, each with one open leg whose next event is due
 * at a chosen time. Written with set-based SQL so a thousand cost milliseconds, as a bench would.
 */
export async function makeDueDeadlines(
  db: DataSource,
  opts: { count: number; firstDueInMs: number; spreadMs?: number; event?: 'breach' | 'warn'; party?: 'company' | 'department' | 'community'; tag: string },
): Promise<{ ticketIds: number[]; deadlineIds: string[] }> {
  const rows: Array<{ ticket_id: number; deadline_id: string }> = await db.query(
    `WITH ctx AS (
       -- A compound, company and department that the HTTP test files do not use, so thousands of
       -- fixture tickets never crowd their lists.
       SELECT (SELECT id FROM users WHERE username = 'admin') AS reporter,
              (SELECT id FROM categories WHERE code = 'greenery_trim') AS category,
              (SELECT id FROM organizations WHERE code = 'baohu-wuye') AS company,
              (SELECT id FROM organizations WHERE code = 'power') AS department,
              c.* FROM org_units c WHERE c.code = 'yujinghucheng'),
     t AS (
       INSERT INTO tickets (no, status, category_id, priority, channel, description, reporter_id, district_id, street_id,
                            community_id, grid_id, compound_id, handler_kind, handler_org_id)
       SELECT 'T' || $4 || '-' || g, CASE WHEN $5 = 'community' THEN 'submitted' ELSE 'dispatched' END::ticket_status,
              ctx.category, 'normal', 'mini_program', 'deadline fixture ' || $4, ctx.reporter, ctx.district_id, ctx.street_id,
              ctx.community_id, ctx.grid_id, ctx.id,
              CASE WHEN $5 = 'company' THEN 'company' WHEN $5 = 'department' THEN 'department' END::handler_kind,
              CASE WHEN $5 = 'company' THEN ctx.company WHEN $5 = 'department' THEN ctx.department END
         FROM ctx, generate_series(1, $1) g
       RETURNING id, handler_org_id, no)
     INSERT INTO ticket_deadlines (ticket_id, leg, party, party_org_id, clock, allowed_minutes, warn_ratio, escalation_minutes,
                                   started_at, due_at, next_event, next_event_at)
     SELECT t.id, CASE WHEN $5 = 'community' THEN 'dispatch' ELSE 'accept' END::deadline_leg, $5::deadline_party, t.handler_org_id,
            'clock', 60, 0.8, 600, now(),
            now() + make_interval(secs => ($2 + (split_part(t.no, '-', 2)::int - 1) * $3) / 1000.0),
            $6::deadline_event,
            now() + make_interval(secs => ($2 + (split_part(t.no, '-', 2)::int - 1) * $3) / 1000.0)
       FROM t
     RETURNING ticket_id, id AS deadline_id`,
    [opts.count, opts.firstDueInMs, opts.spreadMs ?? 0, opts.tag, opts.party ?? 'company', opts.event ?? 'breach'],
  );
  return { ticketIds: rows.map((r) => r.ticket_id), deadlineIds: rows.map((r) => r.deadline_id) };
}

export async function waitFor<T>(what: string, probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last = await probe();
  while (!done(last)) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}; last value ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 100));
    last = await probe();
  }
  return last;
}

/** Per deadline: how many `overdue` events its ticket got (must be exactly 1 when fired once). */
export async function overdueCounts(db: DataSource, ticketIds: number[]): Promise<{ fired: number; doubled: number; missing: number }> {
  const [row]: Array<{ fired: number; doubled: number; missing: number }> = await db.query(
    `SELECT count(*) FILTER (WHERE n = 1)::int AS fired, count(*) FILTER (WHERE n > 1)::int AS doubled, count(*) FILTER (WHERE n = 0)::int AS missing
       FROM (SELECT t.id, (SELECT count(*) FROM ticket_events e WHERE e.ticket_id = t.id AND e.action = 'overdue') AS n
               FROM unnest($1::int[]) AS t(id)) x`,
    [ticketIds],
  );
  return row;
}
