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

/** The dimensions a slice is summed by (besides community and until), and what dim_id holds. */
export const ROLLUP_DIMS = {
  all: '0',
  category: 'category_id',
  handler: 'handler_org_id',
  // The channel's 1-based position in the enum: dim_id stays an integer for every dimension.
  channel: 'array_position(enum_range(NULL::channel), channel)',
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

const VALUE_COLUMNS = [...COUNT_COLUMNS, ...LEGS.flatMap((l) => [`${l}_minutes`, `${l}_bins`])];
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

/** INSERT of the day slices of every fact in the window (the caller deletes those slices first). */
export function rollupDaysSql(window: FactWindow): string {
  const day = `(f.at ${SH})::date`;
  const sum = (where: string) => `COALESCE(sum(n) FILTER (WHERE ${where}), 0)::int`;
  const legColumns = LEGS.flatMap((l) => [
    `COALESCE(sum(v) FILTER (WHERE ${is(`${l}:met`)}), 0)`,
    `CASE WHEN ${sum(is(`${l}:met`))} > 0 THEN ARRAY[${BINS.map((b) => sum(`${is(`${l}:met`)} AND bin = ${b}`)).join(', ')}] END`,
  ]);
  return `
WITH facts AS (${slaFactsSql(window)}
),
pre AS (
  SELECT ${day} AS day, f.community_id, f.category_id, COALESCE(f.handler, 0) AS handler_org_id, f.channel,
         ${untilOfFact(day)} AS until,
         ${factCodeSql('f.m')} AS mc, f.flag, CASE WHEN f.m LIKE '%:met' THEN ${handlingTimeBinSql('f.v')} END AS bin,
         count(*)::int AS n, sum(f.v) AS v
    FROM facts f
   GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
)
INSERT INTO report_rollups (${INSERT_COLUMNS})
SELECT 'day', CASE ${Object.keys(ROLLUP_DIMS).filter((d) => d !== 'all').map((d) => `WHEN GROUPING(${ROLLUP_DIMS[d as RollupDim]}) = 0 THEN '${d}'`).join(' ')} ELSE 'all' END,
       day, community_id,
       COALESCE(category_id, handler_org_id, ${ROLLUP_DIMS.channel}, 0), until,
       ${COUNTS.map(([, where]) => sum(where)).join(',\n       ')},
       ${legColumns.join(',\n       ')}
  FROM pre
 GROUP BY GROUPING SETS ((day, community_id, until), (day, community_id, until, category_id), (day, community_id, until, handler_org_id),
                         (day, community_id, until, ${ROLLUP_DIMS.channel}))`;
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
    `sum(r.${l}_minutes)`,
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
