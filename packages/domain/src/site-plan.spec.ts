import { buildingAt, pointInOrOnPolygon, pointInPolygon, selfIntersects, validateSitePlan, type PlanXY } from './site-plan';

const square: PlanXY[] = [[0, 0], [10, 0], [10, 10], [0, 10]];
// An L-shaped building: the notch (top right) is outside.
const ell: PlanXY[] = [[0, 0], [4, 0], [4, 6], [10, 6], [10, 10], [0, 10]];

const plan = () => ({
  width: 200,
  height: 120,
  outline: [[5, 5], [195, 5], [195, 115], [5, 115]],
  buildings: [
    { buildingId: 31, label: '6号楼', polygon: [[20, 20], [60, 20], [60, 40], [20, 40]], entrances: [{ label: '1单元', at: [30, 40] }] },
    { buildingId: 32, label: '9号楼', polygon: [[100, 20], [140, 20], [140, 40], [100, 40]] },
  ],
  gates: [{ label: '南门', at: [100, 115] }],
  roads: [{ label: '主路', path: [[5, 60], [195, 60]], width: 6 }],
  greens: [{ label: '中心绿地', polygon: [[80, 70], [120, 70], [120, 100], [80, 100]] }],
});

describe('point in polygon', () => {
  it('tells inside from outside for a convex ring', () => {
    expect(pointInPolygon([5, 5], square)).toBe(true);
    expect(pointInPolygon([11, 5], square)).toBe(false);
    expect(pointInPolygon([-0.1, 5], square)).toBe(false);
    expect(pointInPolygon({ x: 9.99, y: 0.01 }, square)).toBe(true);
  });

  it('handles a concave ring (the notch of an L is outside) and either winding', () => {
    expect(pointInPolygon([2, 2], ell)).toBe(true);
    expect(pointInPolygon([8, 3], ell)).toBe(false);
    expect(pointInPolygon([8, 8], ell)).toBe(true);
    expect(pointInPolygon([8, 3], [...ell].reverse())).toBe(false);
    expect(pointInPolygon([8, 8], [...ell].reverse())).toBe(true);
  });

  it('counts points on the edge as inside only with the tolerance', () => {
    expect(pointInOrOnPolygon([10, 5], square)).toBe(true);
    expect(pointInOrOnPolygon([10.4, 5], square)).toBe(true);
    expect(pointInOrOnPolygon([11, 5], square)).toBe(false);
  });

  it('finds the building under a point, the smallest when footprints overlap, none on open ground', () => {
    const p = validateSitePlan(plan()).plan!;
    expect(buildingAt(p, { x: 30, y: 30 })?.buildingId).toBe(31);
    expect(buildingAt(p, { x: 120, y: 30 })?.buildingId).toBe(32);
    expect(buildingAt(p, { x: 80, y: 30 })).toBeNull();
    const nested = { buildings: [{ ...p.buildings[0], buildingId: 1 }, { ...p.buildings[0], buildingId: 2, polygon: [[25, 25], [35, 25], [35, 35], [25, 35]] as PlanXY[] }] };
    expect(buildingAt(nested, { x: 30, y: 30 })?.buildingId).toBe(2);
    expect(buildingAt(nested, { x: 50, y: 30 })?.buildingId).toBe(1);
  });

  it('detects a bow-tie', () => {
    expect(selfIntersects([[0, 0], [10, 10], [10, 0], [0, 10]])).toBe(true);
    expect(selfIntersects(ell)).toBe(false);
  });
});

describe('validateSitePlan', () => {
  it('accepts a plan and fills the optional lists', () => {
    const { plan: p, problem } = validateSitePlan({ ...plan(), gates: undefined, roads: undefined, greens: undefined });
    expect(problem).toBeUndefined();
    expect(p).toMatchObject({ width: 200, gates: [], roads: [], greens: [] });
    expect(p!.buildings[1].entrances).toEqual([]);
  });

  const broken: Array<[string, (p: ReturnType<typeof plan>) => unknown, string]> = [
    ['not an object', () => [1, 2], 'plan'],
    ['an unknown field', (p) => ({ ...p, script: 'x' }), 'script'],
    ['a missing outline', (p) => ({ ...p, outline: undefined }), 'outline'],
    ['a sheet too large', (p) => ({ ...p, width: 50_000 }), 'width'],
    ['a string for a number', (p) => ({ ...p, height: '120' }), 'height'],
    ['a point off the sheet', (p) => ({ ...p, outline: [[5, 5], [195, 5], [195, 999], [5, 115]] }), 'outline[2][1]'],
    ['a point of three numbers', (p) => ({ ...p, outline: [[5, 5, 1], [195, 5], [195, 115], [5, 115]] }), 'outline[0]'],
    ['NaN smuggled as null', (p) => ({ ...p, outline: [[5, null], [195, 5], [195, 115], [5, 115]] }), 'outline[0][1]'],
    ['a two-point polygon', (p) => ({ ...p, outline: [[5, 5], [195, 5]] }), 'outline'],
    ['a flat polygon', (p) => ({ ...p, outline: [[5, 5], [100, 5], [195, 5]] }), 'outline'],
    ['a bow-tie outline', (p) => ({ ...p, outline: [[5, 5], [195, 115], [195, 5], [5, 115]] }), 'outline'],
    ['a building outside the outline', (p) => ({ ...p, outline: [[5, 5], [100, 5], [100, 115], [5, 115]] }), 'buildings[1].polygon[1]'],
    ['a building listed twice', (p) => ({ ...p, buildings: [p.buildings[0], { ...p.buildings[1], buildingId: 31 }] }), 'buildings[1].buildingId'],
    ['a fractional building id', (p) => ({ ...p, buildings: [{ ...p.buildings[0], buildingId: 1.5 }] }), 'buildings[0].buildingId'],
    ['an empty label', (p) => ({ ...p, gates: [{ label: '  ', at: [1, 1] }] }), 'gates[0].label'],
    ['a label too long', (p) => ({ ...p, gates: [{ label: '门'.repeat(21), at: [1, 1] }] }), 'gates[0].label'],
    ['a control character in a label', (p) => ({ ...p, buildings: [{ ...p.buildings[0], label: '6号\u0007楼' }] }), 'buildings[0].label'],
    ['an entrance off the sheet', (p) => ({ ...p, buildings: [{ ...p.buildings[0], entrances: [{ label: '1单元', at: [-1, 3] }] }] }), 'buildings[0].entrances[0].at[0]'],
    ['a road too wide', (p) => ({ ...p, roads: [{ path: [[5, 60], [195, 60]], width: 500 }] }), 'roads[0].width'],
    ['a one-point road', (p) => ({ ...p, roads: [{ path: [[5, 60]], width: 5 }] }), 'roads[0].path'],
    ['too many gates', (p) => ({ ...p, gates: Array.from({ length: 21 }, () => ({ label: '门', at: [1, 1] })) }), 'gates'],
    ['an unknown field in a green', (p) => ({ ...p, greens: [{ ...p.greens[0], fill: 'red' }] }), 'greens[0].fill'],
  ];
  it.each(broken)('refuses %s and names the field', (_name, change, field) => {
    const { problem } = validateSitePlan(change(plan()));
    expect(problem?.field).toBe(field);
    expect(problem?.message).toBeTruthy();
  });
});
