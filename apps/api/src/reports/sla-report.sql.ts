import type { ReportBucket, ReportInterval, ReportPeriod } from './report-period.util';
import { scopeSql, type ReportScope } from './report-scope';

/**
 * The SLA report as one plain SQL query over the raw tables (tickets, ticket_events,
 * ticket_deadlines, org_units, compound_contracts). It is the reference definition of every
 * figure: a faster implementation (a rollup table) must give the same numbers for any scope,
 * grouping, period and interval. The rates are computed from these counts in `sla-figures.ts`.
 *
 * Time: every fact has one instant that places it in the period and in a bucket (named at each
 * fact below). Periods and buckets are Shanghai calendar days, half-open [start, end).
 */

export const REPORT_GROUPS = ['street', 'community', 'company', 'department', 'category'] as const;
export type ReportGroupBy = (typeof REPORT_GROUPS)[number];

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

/** The group a fact belongs to; null drops it from the rows (it still counts in the totals). */
function groupKey(groupBy: ReportGroupBy | null, handler: string): string {
  switch (groupBy) {
    case null:
      return '0';
    case 'street':
      return 't.street_id';
    case 'community':
      return 't.community_id';
    case 'category':
      return 't.category_id';
    case 'company':
      return `(SELECT o.id FROM organizations o WHERE o.id = ${handler} AND o.kind = 'property_company')`;
    case 'department':
      return `(SELECT o.id FROM organizations o WHERE o.id = ${handler} AND o.kind = 'department')`;
  }
}

function groupName(groupBy: ReportGroupBy | null): string {
  switch (groupBy) {
    case null:
      return 'NULL';
    case 'street':
    case 'community':
      return '(SELECT u.name FROM org_units u WHERE u.id = g.grp)';
    case 'category':
      return '(SELECT c.name FROM categories c WHERE c.id = g.grp)';
    case 'company':
    case 'department':
      return '(SELECT o.name FROM organizations o WHERE o.id = g.grp)';
  }
}

/** The bucket label (a Shanghai date) of an instant; `$3` holds the labels, `[1]` is the only one without an interval. */
function bucketOf(interval: ReportInterval | null, ts: string): string {
  const local = `(${ts} AT TIME ZONE 'Asia/Shanghai')`;
  switch (interval) {
    case null:
      return '($3::date[])[1]';
    case 'day':
      return `${local}::date`;
    case 'week':
      return `date_trunc('week', ${local})::date`;
    case 'month':
      return `date_trunc('month', ${local})::date`;
  }
}

/**
 * 户数 Households served (the complaint rate's denominator), only compounds whose households are
 * known; rows with a null group apply to every group, rows with a null bucket to every bucket.
 * - street/community: the compounds of that unit in scope;
 * - company: the compounds in scope under its contract (contract dates overlapping the bucket);
 * - department, category, no grouping: every compound in scope (they serve the whole scope).
 */
function householdsSql(groupBy: ReportGroupBy | null, scopeCp: string): string {
  const compounds = `org_units cp WHERE cp.kind = 'compound' AND ${scopeCp}`;
  switch (groupBy) {
    case 'street':
    case 'community':
      return `SELECT cp.${groupBy}_id AS grp, NULL::date AS bucket, sum(cp.households) AS n FROM ${compounds} GROUP BY cp.${groupBy}_id`;
    case 'company':
      // DISTINCT: a renewed contract overlaps the bucket twice but the households are served once.
      return `SELECT x.grp, x.bucket, sum(x.households) AS n FROM (
                SELECT DISTINCT c.organization_id AS grp, b.bucket, cp.id, cp.households
                  FROM buckets b
                  JOIN compound_contracts c ON c.starts_on < (b.bucket_end AT TIME ZONE 'Asia/Shanghai')::date
                                           AND c.ends_on >= (b.bucket_start AT TIME ZONE 'Asia/Shanghai')::date
                  JOIN organizations o ON o.id = c.organization_id AND o.kind = 'property_company'
                  JOIN org_units cp ON cp.id = c.compound_id AND cp.kind = 'compound' AND ${scopeCp}) x
               GROUP BY x.grp, x.bucket`;
    default:
      return `SELECT NULL::int AS grp, NULL::date AS bucket, sum(cp.households) AS n FROM ${compounds}`;
  }
}

export interface SlaQueryInput {
  scope: ReportScope;
  period: ReportPeriod;
  buckets: ReportBucket[];
  groupBy: ReportGroupBy | null;
  interval: ReportInterval | null;
}

/** One row per group × bucket, every group of the kind that had any fact or serves households. */
export function slaReportQuery(input: SlaQueryInput): { sql: string; params: unknown[] } {
  const { groupBy, interval } = input;
  const params: unknown[] = [
    input.period.start,
    input.period.end,
    input.buckets.map((b) => b.label),
    input.buckets.map((b) => b.start),
    input.buckets.map((b) => b.end),
  ];
  const scopeT = scopeSql(input.scope, 't', 'ticket', params);
  const scopeCp = scopeSql(input.scope, 'cp', 'compound', params);
  const G = (handler: string) => groupKey(groupBy, handler);
  const B = (ts: string) => bucketOf(interval, ts);
  const inPeriod = (ts: string) => `${ts} >= $1 AND ${ts} < $2`;
  const since = overdueSince('d');

  const sql = `
WITH buckets AS (
  SELECT * FROM unnest($3::date[], $4::timestamptz[], $5::timestamptz[]) AS b(bucket, bucket_start, bucket_end)
),
facts (grp, bucket, m, v, flag) AS (
  -- 受理量 received: tickets reported in the period (created_at), whatever became of them (cancelled,
  -- rejected and merged tickets were received too). flag: its compound's households are known (投诉率).
  SELECT ${G(HANDLER.ticket)}, ${B('t.created_at')}, 'received', NULL::numeric, cp.households IS NOT NULL
    FROM tickets t JOIN org_units cp ON cp.id = t.compound_id
   WHERE ${inPeriod('t.created_at')} AND ${scopeT}
  UNION ALL
  -- 办结次数 resolutions: resolve events in the period, a resolution after 重办 included.
  -- flag: the ticket's first resolution ever (办结量 counts tickets, once, when first resolved).
  SELECT ${G(HANDLER.event)}, ${B('e.created_at')}, 'resolution', NULL,
         NOT EXISTS (SELECT 1 FROM ticket_events p
                      WHERE p.ticket_id = e.ticket_id AND p.action = 'resolve' AND (p.created_at, p.id) < (e.created_at, e.id))
    FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id
   WHERE e.action = 'resolve' AND ${inPeriod('e.created_at')} AND ${scopeT}
  UNION ALL
  -- 评价 answered surveys: a rating given in the app (rate) or on a phone return visit (visit) in the
  -- period; a visit that reached nobody carries no rating and is not an answer.
  SELECT ${G(HANDLER.event)}, ${B('e.created_at')}, 'rating:' || (e.data->>'rating'), NULL, NULL
    FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id
   WHERE e.action IN ('rate', 'visit') AND e.data->>'rating' IS NOT NULL AND ${inPeriod('e.created_at')} AND ${scopeT}
     -- 申诉成立: an upheld appeal voids the rating — out of the answers (满意率, 参评率) and 重办率 alike.
     AND NOT EXISTS (SELECT 1 FROM rating_appeals ap WHERE ap.rating_event_id = e.id AND ap.status = 'upheld')
  UNION ALL
  -- 未评价 unrated: closed without an answer at the end of the visit window (expire) in the period.
  SELECT ${G(HANDLER.ticket)}, ${B('e.created_at')}, 'unrated', NULL, NULL
    FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id
   WHERE e.action = 'expire' AND ${inPeriod('e.created_at')} AND ${scopeT}
  UNION ALL
  -- 发出评价 surveys sent: survey legs started in the period (one per resolution: the reporter is asked).
  SELECT ${G(HANDLER.survey)}, ${B('d.started_at')}, 'survey', NULL, NULL
    FROM ticket_deadlines d JOIN tickets t ON t.id = d.ticket_id
   WHERE d.leg = 'survey' AND ${inPeriod('d.started_at')} AND ${scopeT}
  UNION ALL
  -- Legs concluded in the period (closed_at): met by their party — v: wall-clock minutes from start
  -- to close, paused time included; flag: on time — or, for resolve legs only, taken away after they
  -- went overdue (吹哨 cancels the late party's leg; its lateness stays with it).
  SELECT ${G(HANDLER.leg)}, ${B('d.closed_at')},
         d.leg || CASE WHEN d.status = 'met' THEN ':met' ELSE ':withdrawn_late' END,
         extract(epoch FROM d.closed_at - d.started_at) / 60, ${closedOnTime('d')}
    FROM ticket_deadlines d JOIN tickets t ON t.id = d.ticket_id
   WHERE d.leg IN ${LOOP_LEGS} AND ${inPeriod('d.closed_at')} AND ${scopeT}
     AND (d.status = 'met' OR (d.leg = 'resolve' AND d.status = 'cancelled' AND NOT ${closedOnTime('d')}))
  UNION ALL
  -- 超期 Legs that went overdue in the bucket (overdue since, before now) while still open.
  -- flag: still open at the bucket's end (or now, for a bucket not over yet).
  SELECT ${G(HANDLER.leg)}, b.bucket, d.leg || ':overdue', NULL,
         d.closed_at IS NULL OR d.closed_at >= LEAST(b.bucket_end, now())
    FROM ticket_deadlines d JOIN tickets t ON t.id = d.ticket_id
    JOIN buckets b ON b.bucket = ${B(since)}
   WHERE d.leg IN ${LOOP_LEGS} AND ${since} >= $1 AND ${since} < LEAST($2, now())
     AND (d.closed_at IS NULL OR d.closed_at > ${since}) AND ${scopeT}
),
agg AS (
  SELECT grp, bucket,
         count(*) FILTER (WHERE m = 'received') AS received,
         count(*) FILTER (WHERE m = 'received' AND flag) AS complaints,
         count(*) FILTER (WHERE m = 'resolution' AND flag) AS resolved,
         count(*) FILTER (WHERE m = 'resolution') AS resolutions,
         count(*) FILTER (WHERE m = 'dispatch:met') AS dispatch_closed,
         count(*) FILTER (WHERE m = 'dispatch:met' AND flag) AS dispatch_on_time,
         round(avg(v) FILTER (WHERE m = 'dispatch:met'), 1) AS dispatch_avg_minutes,
         round(percentile_disc(0.9) WITHIN GROUP (ORDER BY v) FILTER (WHERE m = 'dispatch:met'), 1) AS dispatch_p90_minutes,
         count(*) FILTER (WHERE m = 'accept:met') AS accept_closed,
         count(*) FILTER (WHERE m = 'accept:met' AND flag) AS accept_on_time,
         round(avg(v) FILTER (WHERE m = 'accept:met'), 1) AS accept_avg_minutes,
         round(percentile_disc(0.9) WITHIN GROUP (ORDER BY v) FILTER (WHERE m = 'accept:met'), 1) AS accept_p90_minutes,
         count(*) FILTER (WHERE m = 'resolve:met') AS resolve_closed,
         count(*) FILTER (WHERE m = 'resolve:met' AND flag) AS resolved_on_time,
         count(*) FILTER (WHERE m = 'resolve:met' AND NOT flag) AS resolved_late,
         count(*) FILTER (WHERE m = 'resolve:withdrawn_late') AS resolve_withdrawn_late,
         count(*) FILTER (WHERE m = 'resolve:overdue' AND flag) AS open_past_due,
         round(avg(v) FILTER (WHERE m = 'resolve:met'), 1) AS resolve_avg_minutes,
         round(percentile_disc(0.9) WITHIN GROUP (ORDER BY v) FILTER (WHERE m = 'resolve:met'), 1) AS resolve_p90_minutes,
         count(*) FILTER (WHERE m LIKE '%:overdue') AS overdue,
         count(*) FILTER (WHERE m LIKE '%:overdue' AND flag) AS overdue_open,
         count(*) FILTER (WHERE m = 'survey') AS surveys_sent,
         count(*) FILTER (WHERE m = 'rating:satisfied') AS satisfied,
         count(*) FILTER (WHERE m = 'rating:basically_satisfied') AS basically_satisfied,
         count(*) FILTER (WHERE m = 'rating:dissatisfied') AS dissatisfied,
         count(*) FILTER (WHERE m = 'unrated') AS unrated
    FROM facts
   WHERE grp IS NOT NULL
   GROUP BY grp, bucket
),
households AS (
  ${householdsSql(groupBy, scopeCp)}
),
groups AS (
  SELECT grp FROM agg
  UNION SELECT grp FROM households WHERE grp IS NOT NULL
  ${groupBy === null ? 'UNION SELECT 0' : ''}
)
SELECT g.grp AS group_id, ${groupName(groupBy)} AS group_name, to_char(b.bucket, 'YYYY-MM-DD') AS bucket,
       a.received, a.complaints, a.resolved, a.resolutions,
       a.dispatch_closed, a.dispatch_on_time, a.dispatch_avg_minutes, a.dispatch_p90_minutes,
       a.accept_closed, a.accept_on_time, a.accept_avg_minutes, a.accept_p90_minutes,
       a.resolve_closed, a.resolved_on_time, a.resolved_late, a.resolve_withdrawn_late, a.open_past_due,
       a.resolve_avg_minutes, a.resolve_p90_minutes, a.overdue, a.overdue_open,
       a.surveys_sent, a.satisfied, a.basically_satisfied, a.dissatisfied, a.unrated,
       h.n AS households
  FROM groups g
 CROSS JOIN buckets b
  LEFT JOIN agg a ON a.grp = g.grp AND a.bucket = b.bucket
  LEFT JOIN households h ON (h.grp IS NULL OR h.grp = g.grp) AND (h.bucket IS NULL OR h.bucket = b.bucket)
 ORDER BY g.grp, b.bucket`;
  return { sql, params };
}
