import { HANDLING_TIME_BIN_EDGES } from '@red-butler/domain';

/**
 * 报表事实 The facts every SLA figure counts, defined once: the reference report
 * (`sla-report.sql.ts`) groups them straight from the raw tables, the rollups
 * (`report-rollup.sql.ts`) pre-aggregate them per day. A change here (say, a condition that drops
 * a rating) changes both, and the rollup equality tests check that they still agree.
 *
 * One row per fact: (ticket_id, street_id, community_id, category_id, channel, handler, at, m, v,
 * flag, closed, src_id). `at` is the one instant that places the fact in a period and a bucket; `m` names
 * it; `v` is a leg's wall-clock minutes; `flag` qualifies it (see each fact); `closed` is, for an
 * overdue leg, when it closed (null while open): whether it counts as still open depends on the end
 * of the bucket it is read in, so it is decided by the reader. `src_id` is the row the fact comes from
 * (the ticket for 'received', the event, or the deadline leg): with the ticket and `m` it names the
 * fact, which is how report_ticket_facts keys a ticket's stored contribution.
 */

/** 服务环节 The legs of the loop that carry an SLA. Survey and visit windows are not "late" but 未评价. */
const LOOP_LEGS = `('dispatch', 'accept', 'resolve')`;

/**
 * 超期时刻 The instant a leg went overdue: its deadline, or the moment the engine marked it overdue
 * if that came first. `breached_at` matters because a pause clears `due_at` and a resume after the
 * deadline re-sets it to the resume time — neither may make an overdue leg on time again.
 * Null: the leg never had a deadline pass (on time so far, or paused before its deadline).
 */
export const overdueSince = (d: string) => `LEAST(${d}.due_at, ${d}.breached_at)`;

/** 按时 A closed leg was on time when it closed no later than the moment it would have gone overdue. */
export const closedOnTime = (d: string) => `(${overdueSince(d)} IS NULL OR ${d}.closed_at <= ${overdueSince(d)})`;

/** The handling-time bin of `v` minutes, as `handlingTimeBin` in packages/domain counts it (edges strictly below). */
export const handlingTimeBinSql = (v: string) => {
  const edges = `'{${HANDLING_TIME_BIN_EDGES.join(',')}}'::numeric[]`;
  return `(width_bucket(${v}, ${edges}) - (${v} = ANY(${edges}))::int)`;
};

/** The upper edge (minutes) of a bin: the figure a P90 in that bin is reported as. */
export const handlingTimeBinMinutesSql = (bin: string) => {
  const last = HANDLING_TIME_BIN_EDGES.length;
  // Not LEAST(bin + 1, last): LEAST ignores a null bin (no legs) and would report the last edge.
  return `('{${HANDLING_TIME_BIN_EDGES.join(',')}}'::numeric[])[CASE WHEN ${bin} >= ${last} THEN ${last} ELSE ${bin} + 1 END]`;
};

/**
 * Who a fact counts against when grouping by company or department (责任单位):
 * - leg figures (timeliness, handling time, 超期): the party that held the clock, `party_org_id`;
 *   a dispatch leg belongs to the community and counts for no company or department;
 * - resolutions and ratings: the handler written on the event (the one whose work it was);
 * - received tickets and 未评价: the ticket's handler now (a ticket not yet dispatched, or
 *   returned, counts for none; a ticket put to a department by 吹哨 counts for the department);
 * - surveys sent: the handler whose resolution the survey asks about (the resolve leg that closed
 *   at the instant the survey leg opened — ticket-clocks writes both from one timestamp).
 * The organization's kind decides whether it is a company or a department.
 */
const HANDLER = {
  ticket: 't.handler_org_id',
  event: `COALESCE((e.data->>'handlerOrgId')::int, t.handler_org_id)`,
  leg: 'd.party_org_id',
  survey: `COALESCE((SELECT r.party_org_id FROM ticket_deadlines r
                      WHERE r.ticket_id = d.ticket_id AND r.leg = 'resolve' AND r.status = 'met' AND r.closed_at = d.started_at
                      ORDER BY r.id LIMIT 1), t.handler_org_id)`,
} as const;

/** Which facts to produce: a condition on the fact's instant, and one on the ticket `t`. */
export interface FactWindow {
  at: (ts: string) => string;
  tickets: string;
}

const T = 't.id AS ticket_id, t.street_id, t.community_id, t.category_id, t.channel';

/** The facts as a SELECT (for a CTE named `facts`), see the file comment for its columns. */
export function slaFactsSql(w: FactWindow): string {
  const since = overdueSince('d');
  return `
  -- 受理量 received: tickets reported in the period (created_at), whatever became of them (cancelled,
  -- rejected and merged tickets were received too). flag: its compound's households are known (投诉率).
  SELECT ${T}, ${HANDLER.ticket} AS handler, t.created_at AS at, 'received' AS m, NULL::numeric AS v,
         cp.households IS NOT NULL AS flag, NULL::timestamptz AS closed, t.id::bigint AS src_id
    FROM tickets t JOIN org_units cp ON cp.id = t.compound_id
   WHERE ${w.at('t.created_at')} AND ${w.tickets}
  UNION ALL
  -- 办结次数 resolutions: resolve events, a resolution after 重办 included.
  -- flag: the ticket's first resolution ever (办结量 counts tickets, once, when first resolved).
  SELECT ${T}, ${HANDLER.event}, e.created_at, 'resolution', NULL,
         NOT EXISTS (SELECT 1 FROM ticket_events p
                      WHERE p.ticket_id = e.ticket_id AND p.action = 'resolve' AND (p.created_at, p.id) < (e.created_at, e.id)),
         NULL, e.id
    FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id
   WHERE e.action = 'resolve' AND ${w.at('e.created_at')} AND ${w.tickets}
  UNION ALL
  -- 评价 answered surveys: a rating given in the app (rate) or on a phone return visit (visit);
  -- a visit that reached nobody carries no rating and is not an answer.
  SELECT ${T}, ${HANDLER.event}, e.created_at, 'rating:' || (e.data->>'rating'), NULL, NULL, NULL, e.id
    FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id
   WHERE e.action IN ('rate', 'visit') AND e.data->>'rating' IS NOT NULL AND ${w.at('e.created_at')} AND ${w.tickets}
     -- 申诉成立: an upheld appeal voids the rating — out of the answers (满意率, 参评率) and 重办率 alike.
     -- Deciding writes an appeal_decision event, which marks the ticket for the rollups' drain.
     AND NOT EXISTS (SELECT 1 FROM rating_appeals ap WHERE ap.rating_event_id = e.id AND ap.status = 'upheld')
  UNION ALL
  -- 未评价 unrated: closed without an answer at the end of the visit window (expire).
  SELECT ${T}, ${HANDLER.ticket}, e.created_at, 'unrated', NULL, NULL, NULL, e.id
    FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id
   WHERE e.action = 'expire' AND ${w.at('e.created_at')} AND ${w.tickets}
  UNION ALL
  -- 发出评价 surveys sent: survey legs started (one per resolution: the reporter is asked).
  SELECT ${T}, ${HANDLER.survey}, d.started_at, 'survey', NULL, NULL, NULL, d.id
    FROM ticket_deadlines d JOIN tickets t ON t.id = d.ticket_id
   WHERE d.leg = 'survey' AND ${w.at('d.started_at')} AND ${w.tickets}
  UNION ALL
  -- Legs concluded (closed_at): met by their party — v: wall-clock minutes from start to close,
  -- paused time included; flag: on time — or, for resolve legs only, taken away after they went
  -- overdue (吹哨 cancels the late party's leg; its lateness stays with it).
  SELECT ${T}, ${HANDLER.leg}, d.closed_at,
         d.leg || CASE WHEN d.status = 'met' THEN ':met' ELSE ':withdrawn_late' END,
         extract(epoch FROM d.closed_at - d.started_at) / 60, ${closedOnTime('d')}, NULL, d.id
    FROM ticket_deadlines d JOIN tickets t ON t.id = d.ticket_id
   WHERE d.leg IN ${LOOP_LEGS} AND ${w.at('d.closed_at')} AND ${w.tickets}
     AND (d.status = 'met' OR (d.leg = 'resolve' AND d.status = 'cancelled' AND NOT ${closedOnTime('d')}))
  UNION ALL
  -- 超期 Legs that went overdue (at: overdue since, before now) while still open; closed: when the
  -- leg closed, null while open (still open at a bucket's end is decided by the reader).
  SELECT ${T}, ${HANDLER.leg}, ${since}, d.leg || ':overdue', NULL, NULL, d.closed_at, d.id
    FROM ticket_deadlines d JOIN tickets t ON t.id = d.ticket_id
   WHERE d.leg IN ${LOOP_LEGS} AND ${w.at(since)} AND ${since} < now()
     AND (d.closed_at IS NULL OR d.closed_at > ${since}) AND ${w.tickets}`;
}
