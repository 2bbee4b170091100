import { ROLES } from '@red-butler/domain';
import { arr, bool, dateTime, int, items, nullable, obj, oneOf, page, ref, str } from '../common/openapi/schema-builders';
import { ACCESS_CODE_PURPOSES } from './access-code.entity';
import { HOUSEHOLD_BINDING_STATUSES, HOUSEHOLD_TENURES } from './household-binding.entity';

const scopeRef = obj({ id: int, name: str, kind: str });
const userFields = {
  id: int, username: nullable(str), displayName: str, phone: nullable(str), active: bool, hasPassword: bool, createdAt: dateTime,
  roles: arr(obj({ id: int, role: oneOf(ROLES), roleLabel: str, orgUnit: nullable(scopeRef), organization: nullable(scopeRef) })),
};
const named = obj({ id: int, name: str });

/** Response shapes of 人员管理, 居民绑定 and 操作日志, spread into RESPONSE_SCHEMAS. */
export const PEOPLE_SCHEMAS = {
  UserAccount: obj({ ...userFields, pendingCode: nullable(obj({ purpose: oneOf(ACCESS_CODE_PURPOSES), expiresAt: dateTime })) }),
  UserPage: page(obj(userFields)),
  UserWithCode: obj({
    user: ref('UserAccount'),
    code: obj({ code: str, purpose: oneOf(ACCESS_CODE_PURPOSES), expiresAt: dateTime }),
  }),
  HouseholdBinding: obj({
    id: int, status: oneOf(HOUSEHOLD_BINDING_STATUSES), tenure: oneOf(HOUSEHOLD_TENURES), user: obj({ id: int, displayName: str }),
    compound: named, building: named, unit: nullable(obj({ id: int, unitNo: str })), room: nullable(str), reason: nullable(str),
    requestedAt: dateTime, decidedAt: nullable(dateTime),
  }),
  HouseholdBindings: items(ref('HouseholdBinding')),
  AuditPage: page(obj({
    id: int, at: dateTime, actor: nullable(obj({ id: int, displayName: nullable(str) })), method: str, route: str, targetId: nullable(str),
    body: { nullable: true }, ip: nullable(str), status: int, errorCode: nullable(str), requestId: nullable(str),
  })),
};
