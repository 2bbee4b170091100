import { OPEN_STATUSES, PLAN_DUPLICATE_RADIUS } from '@red-butler/domain';

/** A duplicate is the same category, still open, within this distance or in the same building… */
export const DUPLICATE_RADIUS_M = 100;
/** …and reported within this many days (older open tickets are a different problem: overdue). */
export const DUPLICATE_WINDOW_DAYS = 30;

export interface NearbyCriteria {
  categoryId: number;
  lat?: number | null;
  lng?: number | null;
  buildingId?: number | null;
  /** A point on the compound's site plan: compared with the plan points of the same compound. */
  compoundId?: number | null;
  planX?: number | null;
  planY?: number | null;
  excludeTicketId?: number;
  /** Any status, not only open ones: 也遇到了 tells "not yours to see" (404) from "closed meanwhile" (409). */
  anyStatus?: boolean;
}

export interface NearbySql {
  /** A query returning the ids of candidate tickets (alias-free; use as a CTE body). */
  candidates: string;
  /**
   * Metres from the search point to ticket `t`: on the site plan when both have a plan point in the
   * same compound, else great-circle; NULL when neither applies.
   */
  distance: (alias: string) => string;
}

/**
 * The candidate search as SQL, appending its values to `params`. Location and building are two
 * branches of a UNION so each uses its own index: the location branch is the GiST index on
 * rb_ll_to_earth(lat, lng) (ll_to_earth with a pinned search_path, migration 1795300000800) through
 * `earth_box(...) @> ...` (a cube containment test the index answers),
 * with the exact great-circle distance as a recheck, since the box's corners are farther than 100 m.
 * `extraWhere` (e.g. the caller's scope) is ANDed into every branch.
 *
 * With a plan point, a third branch compares plan points within the compound (the partial index
 * idx_tickets_compound_plan, then a box and the exact distance), and the location branch skips
 * tickets that have a plan point there: their coordinates are at best the phone's GPS, which inside a
 * compound is coarser than the tap on the plan, and the plan decides for them.
 */
export function nearbyTicketsSql(c: NearbyCriteria, params: unknown[], extraWhere: string[] = []): NearbySql {
  const p = (v: unknown) => (params.push(v), `$${params.length}`);
  const common = [
    `t.category_id = ${p(c.categoryId)}`,
    ...(c.anyStatus ? [] : [`t.status = ANY(${p(OPEN_STATUSES)}::ticket_status[])`]),
    `t.created_at >= now() - make_interval(days => ${p(DUPLICATE_WINDOW_DAYS)})`,
    ...extraWhere,
  ];
  if (c.excludeTicketId !== undefined) common.push(`t.id <> ${p(c.excludeTicketId)}`);
  const branches: string[] = [];
  let here: string | null = null;
  let onPlan: { compound: string; x: string; y: string } | null = null;
  if (c.planX != null && c.planY != null && c.compoundId != null) {
    onPlan = { compound: p(c.compoundId), x: `${p(c.planX)}::float8`, y: `${p(c.planY)}::float8` };
    const r = `${p(PLAN_DUPLICATE_RADIUS)}::float8`;
    branches.push(
      `SELECT t.id FROM tickets t WHERE ${common.join(' AND ')}
          AND t.compound_id = ${onPlan.compound} AND t.plan_x IS NOT NULL
          AND t.plan_x BETWEEN ${onPlan.x} - ${r} AND ${onPlan.x} + ${r} AND t.plan_y BETWEEN ${onPlan.y} - ${r} AND ${onPlan.y} + ${r}
          AND (t.plan_x - ${onPlan.x}) ^ 2 + (t.plan_y - ${onPlan.y}) ^ 2 <= ${r} ^ 2`,
    );
  }
  const judgedOnPlan = onPlan ? ` AND NOT (t.compound_id = ${onPlan.compound} AND t.plan_x IS NOT NULL)` : '';
  if (c.lat !== null && c.lat !== undefined && c.lng !== null && c.lng !== undefined) {
    here = `rb_ll_to_earth(${p(c.lat)}::float8, ${p(c.lng)}::float8)`;
    const radius = p(DUPLICATE_RADIUS_M);
    branches.push(
      `SELECT t.id FROM tickets t WHERE ${common.join(' AND ')}
          AND t.lat IS NOT NULL AND t.lng IS NOT NULL
          AND earth_box(${here}, ${radius}::float8) @> rb_ll_to_earth(t.lat, t.lng)
          AND earth_distance(${here}, rb_ll_to_earth(t.lat, t.lng)) <= ${radius}::float8${judgedOnPlan}`,
    );
  }
  if (c.buildingId) branches.push(`SELECT t.id FROM tickets t WHERE ${common.join(' AND ')} AND t.building_id = ${p(c.buildingId)}`);
  if (branches.length === 0) throw new Error('nearbyTicketsSql needs coordinates, a plan point or a building');
  const point = here;
  const plan = onPlan;
  return {
    candidates: branches.join('\n        UNION\n        '),
    distance: (alias) => {
      const cases = [
        plan ? `WHEN ${alias}.compound_id = ${plan.compound} AND ${alias}.plan_x IS NOT NULL THEN round(sqrt((${alias}.plan_x - ${plan.x}) ^ 2 + (${alias}.plan_y - ${plan.y}) ^ 2))::int` : '',
        point ? `WHEN ${alias}.lat IS NOT NULL AND ${alias}.lng IS NOT NULL THEN round(earth_distance(${point}, rb_ll_to_earth(${alias}.lat, ${alias}.lng)))::int` : '',
      ].filter(Boolean);
      return cases.length ? `CASE ${cases.join(' ')} END` : 'NULL::int';
    },
  };
}
