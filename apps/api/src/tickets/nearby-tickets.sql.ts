import { OPEN_STATUSES } from '@red-butler/domain';

/** A duplicate is the same category, still open, within this distance or in the same building… */
export const DUPLICATE_RADIUS_M = 100;
/** …and reported within this many days (older open tickets are a different problem: overdue). */
export const DUPLICATE_WINDOW_DAYS = 30;

export interface NearbyCriteria {
  categoryId: number;
  lat?: number | null;
  lng?: number | null;
  buildingId?: number | null;
  excludeTicketId?: number;
  /** Any status, not only open ones: 也遇到了 tells "not yours to see" (404) from "closed meanwhile" (409). */
  anyStatus?: boolean;
}

export interface NearbySql {
  /** A query returning the ids of candidate tickets (alias-free; use as a CTE body). */
  candidates: string;
  /** Metres from the search point to ticket `t`, or NULL when either has no coordinates. */
  distance: (alias: string) => string;
}

/**
 * The candidate search as SQL, appending its values to `params`. Location and building are two
 * branches of a UNION so each uses its own index: the location branch is the GiST index on
 * rb_ll_to_earth(lat, lng) (ll_to_earth with a pinned search_path, migration 1795300000800) through
 * `earth_box(...) @> ...` (a cube containment test the index answers),
 * with the exact great-circle distance as a recheck, since the box's corners are farther than 100 m.
 * `extraWhere` (e.g. the caller's scope) is ANDed into both branches.
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
  if (c.lat !== null && c.lat !== undefined && c.lng !== null && c.lng !== undefined) {
    here = `rb_ll_to_earth(${p(c.lat)}::float8, ${p(c.lng)}::float8)`;
    const radius = p(DUPLICATE_RADIUS_M);
    branches.push(
      `SELECT t.id FROM tickets t WHERE ${common.join(' AND ')}
          AND t.lat IS NOT NULL AND t.lng IS NOT NULL
          AND earth_box(${here}, ${radius}::float8) @> rb_ll_to_earth(t.lat, t.lng)
          AND earth_distance(${here}, rb_ll_to_earth(t.lat, t.lng)) <= ${radius}::float8`,
    );
  }
  if (c.buildingId) branches.push(`SELECT t.id FROM tickets t WHERE ${common.join(' AND ')} AND t.building_id = ${p(c.buildingId)}`);
  if (branches.length === 0) throw new Error('nearbyTicketsSql needs coordinates or a building');
  const point = here;
  return {
    candidates: branches.join('\n        UNION\n        '),
    distance: (alias) =>
      point
        ? `CASE WHEN ${alias}.lat IS NOT NULL AND ${alias}.lng IS NOT NULL THEN round(earth_distance(${point}, rb_ll_to_earth(${alias}.lat, ${alias}.lng)))::int END`
        : 'NULL::int',
  };
}
