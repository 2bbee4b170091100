import type { SeedNotice } from '../supervision/supervision.seed';
import type { SeedPoints } from '../points/points.seed';
import type { HandlerKind, Priority, Role } from '@red-butler/domain';

// The shape of seeds/*.json. Every record carries a stable `code` so that seeding is an upsert
// by code and can run any number of times.

export interface SeedBuilding {
  code: string;
  name: string; // e.g. "3号楼"
  units?: number; // 单元 count
  households?: number;
}

export interface SeedCompound {
  code: string;
  name: string; // 小区 name, e.g. "湖畔嘉苑"
  address: string;
  lat: number;
  lng: number;
  households: number;
  /** 业委会 / 物管会, when the compound has one. */
  ownersCommittee?: { kind: 'owners_committee' | 'management_committee'; name: string };
  /** The register of 专有部分 (owners/register-seed.ts); an unsold unit has no owner. */
  register?: SeedRegisterUnit[];
  buildings: SeedBuilding[];
}

export interface SeedGrid {
  code: string;
  name: string; // e.g. "第一网格"
  compounds: SeedCompound[];
}

export interface SeedCommunity {
  code: string;
  name: string; // 社区
  grids: SeedGrid[];
}

export interface SeedStreet {
  code: string;
  name: string; // 街道 / 镇
  communities: SeedCommunity[];
}

export interface SeedDistrict {
  code: string;
  name: string; // e.g. "金凤区"
  city: string; // e.g. "银川市"
  streets: SeedStreet[];
}

export interface SeedContract {
  compound: string; // compound code
  from: string; // YYYY-MM-DD
  /**
   * YYYY-MM-DD, or `+Ny`: 31 December N years after the year the seed runs in (Shanghai time). Demo
   * contracts that are current today are written relatively, so the demo never wakes up to every
   * compound served by the fallback company.
   */
  to: string;
  /** contract: a market contract; custody: 社区托管 through a community-run service station. */
  kind: 'contract' | 'custody';
}

export interface SeedCompany {
  code: string;
  name: string;
  phone: string;
  /** The state-owned company that serves compounds with no contract (国企兜底). */
  stateOwnedFallback?: boolean;
  contracts: SeedContract[];
}

export interface SeedDepartment {
  code: string;
  name: string; // e.g. "金凤区综合执法局（城管）"
  shortName: string; // e.g. "城管"
  phone: string;
}

export interface SeedCategory {
  code: string; // e.g. "manhole_cover_missing"
  name: string; // e.g. "井盖缺失"
  group: string; // e.g. "公共设施"
  icon: string; // a short icon key the client maps to a glyph
  handlerKind: HandlerKind; // who normally handles it
  department?: string; // department code owning the category (required when handlerKind is department)
  priority: Priority;
  keywords: string[];
  /** Listed in the anonymous Open311 feed (redacted): only problems of shared spaces; absent means private. */
  publiclyListed?: boolean;
  /** Overrides of the per-priority SLA defaults (minutes), e.g. a missing manhole cover. */
  sla?: Array<{
    priority: Priority;
    clock?: 'working' | 'clock';
    dispatchMinutes?: number;
    acceptMinutes?: number;
    resolveMinutes?: number;
    escalationMinutes?: number;
  }>;
}

export interface SeedRoleBinding {
  role: Role;
  /** Org unit code (district/street/community/grid) for unit-scoped roles. */
  unit?: string;
  /** Company or department code for organization-scoped roles. */
  organization?: string;
}

export interface SeedRegisterUnit {
  building: string; // building code
  unitNo: string;
  areaM2: string;
  owner?: string;
  /** Demo only: hashed into the owner key at seed time, never stored. */
  idNumber?: string;
  sold: boolean;
}

export interface SeedUser {
  username: string;
  displayName: string;
  phone: string;
  roles: SeedRoleBinding[];
  /** Residents: the compound/building they live in (bound compound). */
  compound?: string;
  building?: string;
  /** Verified owner of these register units ("<building code>/<房号>"). */
  owns?: string[];
}

export interface SeedData {
  /** 积分: earning rules and 爱心屋 shelves (issue #15). */
  points?: SeedPoints;
  district: SeedDistrict;
  companies: SeedCompany[];
  departments: SeedDepartment[];
  categories: SeedCategory[];
  users: SeedUser[];
  /** 督导整改 demo notices (see supervision/supervision.seed.ts). */
  supervisionNotices?: SeedNotice[];
}
