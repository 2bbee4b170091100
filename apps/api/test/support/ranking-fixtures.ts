import type { DataSource } from 'typeorm';

/**
 * A company's quarter in a few set-based statements: `count` closed tickets spread over the given
 * compounds, one hour apart from `start`, each with a resolve leg (8 h allowed) and a rating.
 * - the first `late` tickets were resolved 10 h in (2 h past due, marked overdue); the rest 2 h in;
 * - the last `dissatisfied` tickets were rated 不满意 the next day, reopened, and resolved again on
 *   time (a second resolve leg, met), their second survey still unanswered; the others 满意.
 * So: resolve legs = count + dissatisfied, on time = that − late, answered = count,
 * satisfied = count − dissatisfied, received = count.
 */
export async function insertCompanyQuarter(
  db: DataSource,
  o: { tag: string; company: string; compounds: string[]; start: Date; count: number; late: number; dissatisfied: number },
): Promise<void> {
  await db.query(
    `WITH ctx AS (
       SELECT (SELECT id FROM users WHERE username = 'admin') AS reporter,
              (SELECT id FROM categories WHERE code = 'street_light_out') AS category,
              (SELECT id FROM organizations WHERE code = $2) AS org),
     cps AS (SELECT cp.*, (row_number() OVER (ORDER BY cp.code) - 1)::int AS i, count(*) OVER ()::int AS n
               FROM org_units cp WHERE cp.kind = 'compound' AND cp.code = ANY($3::text[])),
     g AS (SELECT g, g <= $6 AS late, g > $5 - $7 AS dissatisfied, $4::timestamptz + make_interval(hours => g) AS created
             FROM generate_series(1, $5::int) g)
     INSERT INTO tickets (no, status, category_id, priority, channel, description, reporter_id, district_id, street_id,
                          community_id, grid_id, compound_id, handler_kind, handler_org_id, reopen_count, created_at, updated_at)
     SELECT 'RK' || $1 || '-' || g.g, CASE WHEN g.dissatisfied THEN 'resolved' ELSE 'closed' END::ticket_status,
            ctx.category, 'normal', 'mini_program', 'ranking fixture ' || $1 || ' ' || g.g || CASE WHEN g.late THEN ' late' ELSE '' END
              || CASE WHEN g.dissatisfied THEN ' dissatisfied' ELSE '' END,
            ctx.reporter, cps.district_id, cps.street_id, cps.community_id, cps.grid_id, cps.id, 'company', ctx.org,
            CASE WHEN g.dissatisfied THEN 1 ELSE 0 END, g.created, g.created
       FROM ctx, g JOIN cps ON cps.i = g.g % cps.n`,
    [o.tag, o.company, o.compounds, o.start, o.count, o.late, o.dissatisfied],
  );
  const tickets = `SELECT t.id, t.handler_org_id AS org, t.created_at AS c, t.description LIKE '% late%' AS late,
                          t.description LIKE '%dissatisfied' AS dissatisfied
                     FROM tickets t WHERE t.no LIKE 'RK' || $1 || '-%'`;
  await db.query(
    `INSERT INTO ticket_deadlines (ticket_id, leg, party, party_org_id, clock, allowed_minutes, warn_ratio, escalation_minutes,
                                   started_at, due_at, status, closed_at, breached_at, created_at)
     SELECT id, 'resolve'::deadline_leg, 'company'::deadline_party, org, 'clock'::sla_clock, 480, 0.8, 60, c, c + interval '8 hours',
            'met'::deadline_status, c + CASE WHEN late THEN interval '10 hours' ELSE interval '2 hours' END,
            CASE WHEN late THEN c + interval '8 hours' END, c
       FROM (${tickets}) x
     UNION ALL
     SELECT id, 'resolve', 'company', org, 'clock', 480, 0.8, 60, c + interval '1 day', c + interval '1 day 8 hours', 'met',
            c + interval '1 day 2 hours', NULL, c + interval '1 day'
       FROM (${tickets}) x WHERE dissatisfied`,
    [o.tag],
  );
  await db.query(
    `INSERT INTO ticket_events (ticket_id, action, from_status, to_status, actor_id, actor_role, data, created_at)
     SELECT id, 'resolve'::ticket_action, 'accepted'::ticket_status, 'resolved'::ticket_status,
            (SELECT id FROM users WHERE username = 'admin'), 'admin'::role, jsonb_build_object('handlerOrgId', org), c + CASE WHEN late THEN interval '10 hours' ELSE interval '2 hours' END
       FROM (${tickets}) x
     UNION ALL
     SELECT id, 'rate', 'resolved', CASE WHEN dissatisfied THEN 'accepted' ELSE 'closed' END::ticket_status,
            (SELECT id FROM users WHERE username = 'admin'), 'admin',
            jsonb_build_object('handlerOrgId', org, 'rating', CASE WHEN dissatisfied THEN 'dissatisfied' ELSE 'satisfied' END),
            c + interval '20 hours'
       FROM (${tickets}) x
     UNION ALL
     SELECT id, 'resolve', 'accepted', 'resolved', (SELECT id FROM users WHERE username = 'admin'), 'admin',
            jsonb_build_object('handlerOrgId', org), c + interval '1 day 2 hours'
       FROM (${tickets}) x WHERE dissatisfied`,
    [o.tag],
  );
}
