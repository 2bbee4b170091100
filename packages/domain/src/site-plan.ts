/**
 * 小区平面图: a compound's site plan as data, in its own plan coordinate system (x to the right, y
 * down, one unit ≈ one metre, origin at the top-left corner of a `width` × `height` sheet). The API
 * validates it with `validateSitePlan`; the client draws it and finds the building under a tap with
 * `buildingAt`. One module so both sides agree on what a valid plan and "inside" mean.
 */
export type PlanXY = [number, number];
/** A ring of points as any caller holds it (the client's generated types say number[][]). */
export type PlanRing = ReadonlyArray<readonly number[]>;

export interface PlanMarker {
  label: string;
  at: PlanXY;
}

export interface PlanBuilding {
  /** The building's org unit id (a building of this compound). */
  buildingId: number;
  label: string;
  polygon: PlanXY[];
  entrances: PlanMarker[];
}

export interface PlanRoad {
  label?: string;
  path: PlanXY[];
  width: number;
}

export interface PlanArea {
  label?: string;
  polygon: PlanXY[];
}

export interface SitePlan {
  width: number;
  height: number;
  outline: PlanXY[];
  buildings: PlanBuilding[];
  gates: PlanMarker[];
  roads: PlanRoad[];
  greens: PlanArea[];
}

export const SITE_PLAN_LIMITS = {
  minSize: 50,
  maxSize: 5000,
  polygonPoints: 200,
  buildings: 300,
  entrances: 12,
  gates: 20,
  roads: 100,
  roadPoints: 100,
  roadWidth: 60,
  greens: 100,
  label: 20,
} as const;

/** Two tickets of one category whose plan points are this close (plan units ≈ metres) are duplicates. */
export const PLAN_DUPLICATE_RADIUS = 20;

export interface PlanProblem {
  field: string;
  message: string;
}

class Invalid extends Error {
  constructor(readonly field: string, message: string) {
    super(message);
  }
}

/** C0/C1 controls, line separators and bidi overrides: a label is one plain line. */
const isControl = (c: number) => c < 0x20 || (c >= 0x7f && c <= 0x9f) || c === 0x2028 || c === 0x2029 || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);

function object(v: unknown, field: string, keys: string[], optional: string[] = []): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Invalid(field, 'must be an object');
  const o = v as Record<string, unknown>;
  const unknown = Object.keys(o).find((k) => !keys.includes(k) && !optional.includes(k));
  if (unknown !== undefined) throw new Invalid(join(field, unknown), 'unknown field');
  const missing = keys.find((k) => o[k] === undefined);
  if (missing !== undefined) throw new Invalid(join(field, missing), 'is required');
  return o;
}

const join = (field: string, key: string) => (field ? `${field}.${key}` : key);

function list(v: unknown, field: string, min: number, max: number): unknown[] {
  if (!Array.isArray(v)) throw new Invalid(field, 'must be an array');
  if (v.length < min || v.length > max) throw new Invalid(field, `must have ${min}–${max} items`);
  return v;
}

function number(v: unknown, field: string, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new Invalid(field, 'must be a finite number');
  if (v < min || v > max) throw new Invalid(field, `must be between ${min} and ${max}`);
  return v;
}

function label(v: unknown, field: string): string {
  if (typeof v !== 'string') throw new Invalid(field, 'must be a string');
  const s = v.trim();
  if (s.length < 1 || [...s].length > SITE_PLAN_LIMITS.label) throw new Invalid(field, `must be 1–${SITE_PLAN_LIMITS.label} characters`);
  if ([...s].some((ch) => isControl(ch.codePointAt(0) as number))) throw new Invalid(field, 'must not contain control characters');
  return s;
}

function point(v: unknown, field: string, w: number, h: number): PlanXY {
  const xy = list(v, field, 2, 2);
  return [number(xy[0], `${field}[0]`, 0, w), number(xy[1], `${field}[1]`, 0, h)];
}

function polygon(v: unknown, field: string, w: number, h: number): PlanXY[] {
  const pts = list(v, field, 3, SITE_PLAN_LIMITS.polygonPoints).map((p, i) => point(p, `${field}[${i}]`, w, h));
  if (Math.abs(polygonArea(pts)) < 1) throw new Invalid(field, 'must enclose an area (at least 1 square unit)');
  if (selfIntersects(pts)) throw new Invalid(field, 'must not cross itself');
  return pts;
}

function marker(v: unknown, field: string, w: number, h: number): PlanMarker {
  const o = object(v, field, ['label', 'at']);
  return { label: label(o.label, `${field}.label`), at: point(o.at, `${field}.at`, w, h) };
}

/** Shoelace formula: positive or negative by winding, zero for a degenerate ring. */
export function polygonArea(pts: PlanRing): number {
  let sum = 0;
  for (let i = 0; i < pts.length; i += 1) {
    const [x1, y1] = pts[i];
    const [x2, y2] = pts[(i + 1) % pts.length];
    sum += x1 * y2 - x2 * y1;
  }
  return sum / 2;
}

const cross = (o: PlanXY, a: PlanXY, b: PlanXY) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);

function segmentsCross(a: PlanXY, b: PlanXY, c: PlanXY, d: PlanXY): boolean {
  const d1 = cross(c, d, a);
  const d2 = cross(c, d, b);
  const d3 = cross(a, b, c);
  const d4 = cross(a, b, d);
  return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
}

/** Whether two non-adjacent edges of the ring properly cross (a bow-tie would make "inside" ambiguous). */
export function selfIntersects(pts: PlanXY[]): boolean {
  const n = pts.length;
  for (let i = 0; i < n; i += 1) {
    for (let j = i + 2; j < n; j += 1) {
      if (i === 0 && j === n - 1) continue;
      if (segmentsCross(pts[i], pts[(i + 1) % n], pts[j], pts[(j + 1) % n])) return true;
    }
  }
  return false;
}

/** Ray casting (even–odd). Points exactly on an edge may fall either way; callers use a tolerance where it matters. */
export function pointInPolygon(p: PlanXY | { x: number; y: number }, pts: PlanRing): boolean {
  const [x, y] = Array.isArray(p) ? p : [p.x, p.y];
  let inside = false;
  for (let i = 0, j = pts.length - 1; i < pts.length; j = i, i += 1) {
    const [xi, yi] = pts[i];
    const [xj, yj] = pts[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function distanceToSegment(p: PlanXY, a: PlanXY, b: PlanXY): number {
  const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

/** Inside the ring, or within `tolerance` of its edge (a building drawn flush with the compound wall). */
export function pointInOrOnPolygon(p: PlanXY, pts: PlanXY[], tolerance = 0.5): boolean {
  if (pointInPolygon(p, pts)) return true;
  return pts.some((a, i) => distanceToSegment(p, a, pts[(i + 1) % pts.length]) <= tolerance);
}

/** The building whose footprint holds the point (the smallest one, if footprints overlap), or null. */
export function buildingAt<B extends { polygon: PlanRing }>(plan: { buildings: B[] }, p: { x: number; y: number }): B | null {
  const hits = plan.buildings.filter((b) => pointInPolygon(p, b.polygon));
  if (hits.length === 0) return null;
  return hits.reduce((a, b) => (Math.abs(polygonArea(b.polygon)) < Math.abs(polygonArea(a.polygon)) ? b : a));
}

/**
 * A site plan as sent by an admin, checked strictly: known fields only, finite numbers inside the
 * sheet, labels of 1–20 printable characters, simple polygons with an area, buildings inside the
 * outline and each building listed once. The first problem is named by its path (`buildings[2].polygon[5][0]`).
 */
export function validateSitePlan(input: unknown): { plan: SitePlan; problem?: undefined } | { plan?: undefined; problem: PlanProblem } {
  try {
    return { plan: parse(input) };
  } catch (e) {
    if (e instanceof Invalid) return { problem: { field: e.field || 'plan', message: e.message } };
    throw e;
  }
}

function parse(input: unknown): SitePlan {
  const L = SITE_PLAN_LIMITS;
  const o = object(input, '', ['width', 'height', 'outline', 'buildings'], ['gates', 'roads', 'greens']);
  const width = number(o.width, 'width', L.minSize, L.maxSize);
  const height = number(o.height, 'height', L.minSize, L.maxSize);
  const outline = polygon(o.outline, 'outline', width, height);
  const seen = new Set<number>();
  const buildings = list(o.buildings, 'buildings', 0, L.buildings).map((v, i): PlanBuilding => {
    const f = `buildings[${i}]`;
    const b = object(v, f, ['buildingId', 'label', 'polygon'], ['entrances']);
    if (typeof b.buildingId !== 'number' || !Number.isSafeInteger(b.buildingId) || b.buildingId < 1) throw new Invalid(`${f}.buildingId`, 'must be a positive integer');
    if (seen.has(b.buildingId)) throw new Invalid(`${f}.buildingId`, 'is listed twice');
    seen.add(b.buildingId);
    const pts = polygon(b.polygon, `${f}.polygon`, width, height);
    const outside = pts.findIndex((p) => !pointInOrOnPolygon(p, outline));
    if (outside >= 0) throw new Invalid(`${f}.polygon[${outside}]`, 'lies outside the outline');
    const entrances = list(b.entrances ?? [], `${f}.entrances`, 0, L.entrances).map((e, k) => marker(e, `${f}.entrances[${k}]`, width, height));
    return { buildingId: b.buildingId, label: label(b.label, `${f}.label`), polygon: pts, entrances };
  });
  const gates = list(o.gates ?? [], 'gates', 0, L.gates).map((g, i) => marker(g, `gates[${i}]`, width, height));
  const roads = list(o.roads ?? [], 'roads', 0, L.roads).map((v, i): PlanRoad => {
    const f = `roads[${i}]`;
    const r = object(v, f, ['path', 'width'], ['label']);
    return {
      ...(r.label !== undefined ? { label: label(r.label, `${f}.label`) } : {}),
      path: list(r.path, `${f}.path`, 2, L.roadPoints).map((p, k) => point(p, `${f}.path[${k}]`, width, height)),
      width: number(r.width, `${f}.width`, 1, L.roadWidth),
    };
  });
  const greens = list(o.greens ?? [], 'greens', 0, L.greens).map((v, i): PlanArea => {
    const f = `greens[${i}]`;
    const g = object(v, f, ['polygon'], ['label']);
    return { ...(g.label !== undefined ? { label: label(g.label, `${f}.label`) } : {}), polygon: polygon(g.polygon, `${f}.polygon`, width, height) };
  });
  return { width, height, outline, buildings, gates, roads, greens };
}
