import type { PlanXY, SitePlan } from '@red-butler/domain';

export interface PlanBuildingInput {
  id: number;
  name: string;
}

const rect = (x: number, y: number, w: number, h: number): PlanXY[] => [[x, y], [x + w, y], [x + w, y + h], [x, y + h]];

/**
 * A plausible 小区平面图 for a demo compound, the same every time for the same buildings: slab
 * buildings (50 × 16) in two rows on either side of an east–west main road, a side road from the
 * south gate, an east gate, and a green strip along the south wall. Each building has two entrances
 * (1单元, 2单元) on its road side. Real compounds get their plan from an admin (PUT …/plan).
 */
export function generateSitePlan(buildings: PlanBuildingInput[]): SitePlan {
  const sorted = [...buildings].sort((a, b) => a.id - b.id);
  const perRow = Math.max(1, Math.ceil(sorted.length / 2));
  const width = 30 + perRow * 70;
  const height = 200;
  const roadY = 95;
  const plan: SitePlan = {
    width,
    height,
    outline: rect(5, 5, width - 10, height - 10),
    buildings: sorted.map((b, i) => {
      const north = i < perRow;
      const x = 25 + (i % perRow) * 70;
      const y = north ? 40 : 125;
      // Entrances face the main road: the south side of the north row, the north side of the south row.
      const doorY = north ? y + 16 : y;
      return {
        buildingId: b.id,
        label: b.name.slice(0, 20),
        polygon: rect(x, y, 50, 16),
        entrances: [
          { label: '1单元', at: [x + 12, doorY] as PlanXY },
          { label: '2单元', at: [x + 38, doorY] as PlanXY },
        ],
      };
    }),
    gates: [
      { label: '南门', at: [15, height - 5] },
      { label: '东门', at: [width - 5, roadY] },
    ],
    roads: [
      { label: '主路', path: [[5, roadY], [width - 5, roadY]], width: 8 },
      { path: [[15, height - 5], [15, roadY]], width: 6 },
    ],
    greens: [
      { label: '中心绿地', polygon: rect(25, 160, width - 50, 28) },
      { polygon: rect(25, 12, width - 50, 20) },
    ],
  };
  return plan;
}
