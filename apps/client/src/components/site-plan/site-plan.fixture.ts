import type { SitePlanDoc } from '../../api/api.types';

/** A small plan for component tests: two buildings (ids 31 and 32), a gate, a road, a lawn. */
export const PLAN: SitePlanDoc = {
  width: 240,
  height: 200,
  outline: [[5, 5], [235, 5], [235, 195], [5, 195]],
  buildings: [
    { buildingId: 31, label: '6号楼', polygon: [[25, 40], [75, 40], [75, 56], [25, 56]], entrances: [{ label: '1单元', at: [37, 56] }] },
    { buildingId: 32, label: '9号楼', polygon: [[95, 40], [145, 40], [145, 56], [95, 56]], entrances: [] },
  ],
  gates: [{ label: '南门', at: [15, 195] }],
  roads: [{ label: '主路', path: [[5, 95], [235, 95]], width: 8 }],
  greens: [{ label: '中心绿地', polygon: [[25, 160], [215, 160], [215, 188], [25, 188]] }],
};
