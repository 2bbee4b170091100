import { HANDLING_TIME_BIN_COUNT } from '@red-butler/domain';
import { handlingTimeBinSql, slaFactsSql, type FactWindow } from './sla-facts.sql';

/**
 * How report_rollups rows are computed from the facts (sla-facts.sql.ts), set-based: facts are first
 * counted per (day, keys, fact, flag, bin), a few rows per key, and only those are pivoted into
 * columns. Pivoting the raw facts directly (a hundred FILTER aggregates per fact row) is what made
 * an earlier rebuild take 16 minutes at a million tickets.
 */

const SH = `AT TIME ZONE 'Asia/Shanghai'`;

/** The longest report (MAX_REPORT_DAYS) plus one: a leg closed this many days after the slice's day is open at the end of every bucket holding it. */
const FOLD_AFTER_DAYS = 367;

/**
 * The dimensions a slice is summed by (besides community and until), and the fact column dim_id
 * holds (report_ticket_facts). A channel is its 1-based position in the enum (CHANNELS), so dim_id
 * stays an integer for every dimension.
 */
export const ROLLUP_DIMS = {
  all: '0',
  category: 'category_id',
  handler: 'handler_org_id',
  channel: 'channel_id',
} as const;
export type RollupDim = keyof typeof ROLLUP_DIMS;

/**
 * The facts as small integers: the pivot below tests every pre-aggregated row against a hundred
 * conditions, and integer comparisons cost a fraction of text ones.
 */
const FACT_CODES: Record<string, number> = {
  received: 1, resolution: 2, 'dispatch:met': 3, 'accept:met': 4, 'resolve:met': 5, 'resolve:withdrawn_late': 6,
  'dispatch:overdue': 7, 'accept:overdue': 8, 'resolve:overdue': 9, survey: 10,
  'rating:satisfied': 11, 'rating:basically_satisfied': 12, 'rating:dissatisfied': 13, unrated: 14,
};
const is = (m: string) => `mc = ${FACT_CODES[m]}`;
const factCodeSql = (m: string) => `CASE ${m} ${Object.entries(FACT_CODES).map(([name, code]) => `WHEN '${name}' THEN ${code}`).join(' ')} ELSE 0 END`;

/** Additive count columns, and the fact (and flag) each counts. */
const COUNTS: Array<[column: string, where: string]> = [
  ['received', is('received')],
  ['complaints', `${is('received')} AND flag`],
  ['resolved', `${is('resolution')} AND flag`],
  ['resolutions', is('resolution')],
  ['dispatch_closed', is('dispatch:met')],
  ['dispatch_on_time', `${is('dispatch:met')} AND flag`],
  ['accept_closed', is('accept:met')],
  ['accept_on_time', `${is('accept:met')} AND flag`],
  ['resolve_closed', is('resolve:met')],
  ['resolved_on_time', `${is('resolve:met')} AND flag`],
  ['resolve_withdrawn_late', is('resolve:withdrawn_late')],
  ['overdue', `mc IN (${FACT_CODES['dispatch:overdue']}, ${FACT_CODES['accept:overdue']}, ${FACT_CODES['resolve:overdue']})`],
  ['resolve_overdue', is('resolve:overdue')],
  ['surveys_sent', is('survey')],
  ['satisfied', is('rating:satisfied')],
  ['basically_satisfied', is('rating:basically_satisfied')],
  ['dissatisfied', is('rating:dissatisfied')],
  ['unrated', is('unrated')],
];
export const COUNT_COLUMNS = COUNTS.map(([c]) => c);
export const LEGS = ['dispatch', 'accept', 'resolve'] as const;
const BINS = Array.from({ length: HANDLING_TIME_BIN_COUNT }, (_, i) => i);

const LEG_VALUE_COLUMNS = LEGS.flatMap((l) => [`${l}_minutes`, `${l}_bins`]);
const VALUE_COLUMNS = [...COUNT_COLUMNS, ...LEG_VALUE_COLUMNS];
const INSERT_COLUMNS = `grain, dim, day, community_id, dim_id, until, ${VALUE_COLUMNS.join(', ')}`;

/**
 * `until` of an overdue fact in a day slice: the day it closed; 'infinity' while open or when it
 * closed so long after that every bucket holding the day ends before; the slice's own day when it
 * closed that same day (no bucket holding the day ends before it closed).
 */
const untilOfFact = (day: string) => `CASE WHEN f.m NOT LIKE '%:overdue' OR f.closed IS NULL THEN 'infinity'::date
            WHEN (f.closed ${SH})::date <= ${day} THEN ${day}
            WHEN (f.closed ${SH})::date >= ${day} + ${FOLD_AFTER_DAYS} THEN 'infinity'::date
            ELSE (f.closed ${SH})::date END`;

/**
 * The channel enum's labels, read once per statement: enum_range is only STABLE, so written inline it
 * builds the array again for every fact (a rebuild pass at 1,000,000 tickets: 2.6 M facts, 3 of its
 * 18 s of computing them). As a scalar subquery it is an InitPlan, evaluated once.
 */
export const CHANNELS = '(SELECT enum_range(NULL::channel))';

/** report_ticket_facts' columns, in the order ticketFactsSql selects them. */
export const TICKET_FACT_COLUMNS = 'ticket_id, mc, src_id, day, community_id, category_id, handler_org_id, channel_id, until, flag, bin, v';

/**
 * Every fact of the tickets matching `tickets`, whatever its day. A fact without an instant (a leg
 * marked met with no closed_at: nothing the engine writes, but rows written by hand or by an old bug)
 * has no day to be counted on: a report's window (`at >= $1 AND at < $2`) never holds it, so the
 * stored facts leave it out too instead of failing report_ticket_facts' NOT NULL day and, with it,
 * every drain that picks the ticket up.
 */
export const allFactsOf = (tickets: string): FactWindow => ({ at: (ts) => `${ts} IS NOT NULL`, tickets });

/**
 * The rows of report_ticket_facts for the facts in the window: one per fact, keyed by (ticket, fact
 * code, source row), with the rollup keys already worked out (Shanghai day, handler 0 for none, the
 * channel's position, `until`, the handling-time bin). A fact whose code the pivot does not count
 * (a rating value it does not know) is left out: it would only make an all-zero rollup row.
 */
export function ticketFactsSql(window: FactWindow): string {
  const day = `(f.at ${SH})::date`;
  return `
WITH facts AS (${slaFactsSql(window)}
)
SELECT x.* FROM (
  SELECT f.ticket_id, (${factCodeSql('f.m')})::smallint AS mc, f.src_id, ${day} AS day, f.community_id, f.category_id,
         COALESCE(f.handler, 0) AS handler_org_id, array_position(${CHANNELS}, f.channel)::smallint AS channel_id,
         ${untilOfFact(day)} AS until, f.flag,
         (CASE WHEN f.m LIKE '%:met' THEN ${handlingTimeBinSql('f.v')} END)::smallint AS bin, f.v
    FROM facts f) x
 WHERE x.mc <> 0`;
}

/**
 * report_rollups rows pivoted from \`pre\`: rows of (grain, day, community_id, category_id,
 * handler_org_id, channel_id, until, mc, flag, bin, n, v) — n facts (negative: facts taken away) and
 * the sum of their minutes. The rebuild feeds it stored facts counted per key; the drain feeds it
 * the difference between dirty tickets' stored and current facts. Minutes are stored without
 * trailing zeros and a histogram of zeros as null, so that a row reached by adding and subtracting
 * reads exactly as one summed from scratch.
 */
export function rollupPivotSql(pre: string): string {
  const sum = (where: string) => `COALESCE(sum(n) FILTER (WHERE ${where}), 0)::int`;
  const zeros = `ARRAY[${BINS.map(() => '0').join(', ')}]::int[]`;
  const legColumns = LEGS.flatMap((l) => [
    `trim_scale(COALESCE(sum(v) FILTER (WHERE ${is(`${l}:met`)}), 0))`,
    `NULLIF(ARRAY[${BINS.map((b) => sum(`${is(`${l}:met`)} AND bin = ${b}`)).join(', ')}], ${zeros})`,
  ]);
  const keys = 'grain, day, community_id, until';
  return `
SELECT grain, CASE WHEN GROUPING(category_id) = 0 THEN 'category' WHEN GROUPING(handler_org_id) = 0 THEN 'handler'
                   WHEN GROUPING(channel_id) = 0 THEN 'channel' ELSE 'all' END AS dim,
       day, community_id, COALESCE(category_id, handler_org_id, channel_id, 0) AS dim_id, until,
       ${COUNTS.map(([c, where]) => `${sum(where)} AS ${c}`).join(',\n       ')},
       ${legColumns.map((expr, i) => `${expr} AS ${LEG_VALUE_COLUMNS[i]}`).join(',\n       ')}
  FROM (${pre}) pre
 GROUP BY GROUPING SETS ((${keys}), (${keys}, category_id), (${keys}, handler_org_id), (${keys}, channel_id))`;
}

/** INSERT of the day slices of the stored facts of the days [$1, $2] (the caller deletes those slices first). */
export function rollupDaysSql(): string {
  return `
INSERT INTO report_rollups (${INSERT_COLUMNS})
${rollupPivotSql(`SELECT 'day' AS grain, day, community_id, category_id, handler_org_id, channel_id, until, mc, flag, bin, count(*)::int AS n, sum(v) AS v
    FROM report_ticket_facts WHERE day BETWEEN $1 AND $2
   GROUP BY day, community_id, category_id, handler_org_id, channel_id, until, mc, flag, bin`)}`;
}

/** The month a fact's day slice folds into, and its \`until\` there (as rollupMonthsSql folds it). */
const monthOf = (day: string) => `date_trunc('month', ${day})::date`;
const monthUntil = (day: string, until: string) => `CASE WHEN ${until} < (${monthOf(day)} + interval '1 month')::date THEN ${monthOf(day)}
              WHEN ${until} >= ${monthOf(day)} + ${FOLD_AFTER_DAYS} THEN 'infinity'::date ELSE ${until} END`;

/**
 * The drain's delta, applied: the stored facts of the tickets $1 (int[]) taken away, their current
 * facts (already written to report_ticket_facts under \`marked\` = true in the temporary
 * report_drain_delta table) added, to day and month rows alike, added to the rows that exist and
 * inserted where none does. RETURNING names the rows whose counts all fell to zero (the caller
 * deletes them: a rebuild would not have them).
 */
export function applyDeltaSql(): string {
  const keys = 'community_id, category_id, handler_org_id, channel_id, mc, flag, bin';
  // A fact a ticket still has as it was (most of them: a rating added leaves the ticket's other facts
  // alone) is in the delta once taken away and once added: it cancels here and costs no row update.
  const changed = 'HAVING sum(n) <> 0 OR COALESCE(sum(v), 0) <> 0';
  const pre = `
    SELECT 'day' AS grain, day, ${keys}, until, sum(n)::int AS n, sum(v) AS v FROM report_drain_delta GROUP BY day, ${keys}, until ${changed}
    UNION ALL
    SELECT 'month', ${monthOf('day')}, ${keys}, ${monthUntil('day', 'until')}, sum(n)::int, sum(v)
      FROM report_drain_delta GROUP BY 2, ${keys}, 10 ${changed}`;
  // A row whose facts moved only between keys it does not split by (a handler change, in a category row) does not change either.
  const nonZero = [...COUNT_COLUMNS.map((c) => `${c} <> 0`), ...LEGS.flatMap((l) => [`${l}_minutes <> 0`, `${l}_bins IS NOT NULL`])].join(' OR ');
  const add = (c: string) => `${c} = report_rollups.${c} + EXCLUDED.${c}`;
  const zeros = `ARRAY[${BINS.map(() => '0').join(', ')}]::int[]`;
  const legSets = LEGS.flatMap((l) => [
    `${l}_minutes = trim_scale(report_rollups.${l}_minutes + EXCLUDED.${l}_minutes)`,
    `${l}_bins = NULLIF(ARRAY[${BINS.map((b) => `COALESCE(report_rollups.${l}_bins[${b + 1}], 0) + COALESCE(EXCLUDED.${l}_bins[${b + 1}], 0)`).join(', ')}], ${zeros})`,
  ]);
  return `
INSERT INTO report_rollups (${INSERT_COLUMNS})
SELECT ${INSERT_COLUMNS} FROM (${rollupPivotSql(pre)}) delta WHERE ${nonZero}
ON CONFLICT (grain, day, community_id, dim, dim_id, until) DO UPDATE SET
  ${COUNT_COLUMNS.map(add).join(', ')},
  ${legSets.join(',\n  ')}
RETURNING grain, day::text, community_id, dim, dim_id, until::text, (${COUNT_COLUMNS.map((c) => `${c} = 0`).join(' AND ')}) AS zero`;
}

/**
 * INSERT of the month slices of `slices` (community_id, month) from their day slices ($1 int[],
 * $2 date[]). `until` folds further: a leg closed before the month ended is never open at the end
 * of a bucket holding the whole month.
 */
export function rollupMonthsSql(): string {
  const month = `date_trunc('month', r.day)::date`;
  const until = `CASE WHEN r.until < (${month} + interval '1 month')::date THEN ${month}
              WHEN r.until >= ${month} + ${FOLD_AFTER_DAYS} THEN 'infinity'::date ELSE r.until END`;
  const legColumns = LEGS.flatMap((l) => [
    `trim_scale(sum(r.${l}_minutes))`,
    `CASE WHEN sum(r.${l}_closed) > 0 THEN ARRAY[${BINS.map((b) => `COALESCE(sum(r.${l}_bins[${b + 1}]), 0)::int`).join(', ')}] END`,
  ]);
  return `
INSERT INTO report_rollups (${INSERT_COLUMNS})
SELECT 'month', r.dim, ${month}, r.community_id, r.dim_id, ${until},
       ${COUNT_COLUMNS.map((c) => `sum(r.${c})::int`).join(', ')},
       ${legColumns.join(',\n       ')}
  FROM report_rollups r
  JOIN unnest($1::int[], $2::date[]) AS s(community_id, month)
    ON r.community_id = s.community_id AND r.day >= s.month AND r.day < (s.month + interval '1 month')::date
 WHERE r.grain = 'day'
 GROUP BY 2, 3, 4, 5, 6`;
}

/** DELETE of the month slices (community_id, month) in $1 int[], $2 date[]. */
export const DELETE_MONTHS_SQL = `
DELETE FROM report_rollups r USING unnest($1::int[], $2::date[]) AS s(community_id, month)
 WHERE r.grain = 'month' AND r.day = s.month AND r.community_id = s.community_id`;
