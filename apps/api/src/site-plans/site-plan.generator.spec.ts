import { buildingAt, validateSitePlan } from '@red-butler/domain';
import { generateSitePlan } from './site-plan.generator';

const buildings = (n: number) => Array.from({ length: n }, (_, i) => ({ id: 100 + i * 7, name: `${i + 1}号楼` }));

describe('generateSitePlan (demo compounds)', () => {
  it.each([1, 2, 3, 5, 6, 12])('gives a valid plan for %i buildings, each found under its own centre', (n) => {
    const plan = generateSitePlan(buildings(n));
    expect(validateSitePlan(plan).problem).toBeUndefined();
    expect(plan.buildings.map((b) => b.buildingId)).toEqual(buildings(n).map((b) => b.id));
    for (const b of plan.buildings) {
      const xs = b.polygon.map((p) => p[0]);
      const ys = b.polygon.map((p) => p[1]);
      const centre = { x: (Math.min(...xs) + Math.max(...xs)) / 2, y: (Math.min(...ys) + Math.max(...ys)) / 2 };
      expect(buildingAt(plan, centre)?.buildingId).toBe(b.buildingId);
    }
  });

  it('is deterministic: the same buildings, in any order, give the same plan', () => {
    const list = buildings(5);
    expect(generateSitePlan([...list].reverse())).toEqual(generateSitePlan(list));
  });
});
