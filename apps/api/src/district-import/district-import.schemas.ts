import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { ORG_UNIT_KINDS } from '@red-butler/domain';
import { arr, bool, date, dateTime, int, items, nullable, obj, oneOf, opt, str } from '../common/openapi/schema-builders';
import { CONTRACT_KINDS } from '../org/compound-contract.entity';
import { DISTRICT_IMPORT_KINDS } from './import-kinds';
import { IMPORT_ROW_CODES, IMPORT_ROW_STATUSES } from './import-row';
import { ORG_CHANGE_SOURCES } from './org-change.entity';

const named = obj({ id: int, name: str });
const area = { type: 'string', pattern: '^\\d+\\.\\d{2}$', example: '6480.50', description: 'm², exact, two places' } as SchemaObject;
const orgUnit = obj({
  id: int, kind: oneOf(ORG_UNIT_KINDS), code: str, name: str, parentId: nullable(int), households: nullable(int), entrances: nullable(int),
  floorAreaM2: nullable(area), address: nullable(str), children: int,
});
const company = obj({ id: int, name: str, uscc: nullable(str), shortName: nullable(str), phone: nullable(str), isFallback: bool });
const contract = obj({ id: int, kind: oneOf(CONTRACT_KINDS), startsOn: date, endsOn: date, compound: named, company: named, community: named });
const department = obj({ id: int, name: str, shortName: nullable(str), phone: nullable(str), categories: arr(named) });

/** Responses of the district import and the admin's edit screens (issue #12). */
export const DISTRICT_IMPORT_SCHEMAS = {
  DistrictImport: obj({
    kind: oneOf(DISTRICT_IMPORT_KINDS), dryRun: bool, format: oneOf(['csv', 'xlsx']), encoding: nullable(str),
    summary: obj({ rows: int, created: int, updated: int, unchanged: int, refused: int }),
    rows: arr(obj({
      line: int, key: str, status: oneOf(IMPORT_ROW_STATUSES),
      changes: arr(obj({ field: str, from: nullable(str), to: nullable(str) })),
      reason: opt(obj({ code: oneOf(IMPORT_ROW_CODES), field: str, column: str, message: str })),
    })),
  }),
  AdminOrgUnit: orgUnit,
  AdminOrgUnits: obj({ parent: nullable(orgUnit), items: arr(orgUnit) }),
  AdminCompany: company,
  AdminCompanies: items(company),
  AdminContract: contract,
  AdminContracts: items(contract),
  AdminDepartment: department,
  AdminDepartments: items(department),
  OrgHistory: items(obj({
    id: int, field: str, from: nullable(str), to: nullable(str), source: oneOf(ORG_CHANGE_SOURCES), at: dateTime, actor: obj({ id: int, displayName: str }),
  })),
} satisfies Record<string, SchemaObject>;
