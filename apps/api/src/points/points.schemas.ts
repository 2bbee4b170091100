import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { arr, bool, date, dateTime, int, items, nullable, num, obj, oneOf, str } from '../common/openapi/schema-builders';
import { POINTS_ENTRY_KINDS, POINTS_SOURCE_KINDS } from './points-entry.entity';
import { POINTS_RULE_KINDS } from './points-rule.entity';
import { REDEMPTION_STATUSES } from './redemption.entity';

const shopItem = obj({ id: int, communityId: int, communityName: str, name: str, price: int, stock: int, active: bool });
const redemption = obj({
  id: int, itemId: int, itemName: str, userId: int, residentName: str, communityId: int, price: int,
  status: oneOf(REDEMPTION_STATUSES), createdAt: dateTime, decidedAt: nullable(dateTime),
});
const signup = obj({ userId: int, displayName: str, signedUpAt: dateTime, attendedAt: nullable(dateTime) });
const activity = {
  id: int, communityId: int, communityName: str, title: str, place: str, startsAt: dateTime, hours: num, capacity: int, signedUp: int,
};

/** Response shapes of the 积分 endpoints, spread into RESPONSE_SCHEMAS. */
export const POINTS_SCHEMAS = {
  PointsMine: obj({
    balance: int,
    entries: arr(obj({
      id: int, kind: oneOf(POINTS_ENTRY_KINDS), points: int, reason: str, sourceKind: oneOf(POINTS_SOURCE_KINDS), sourceId: int, day: date, createdAt: dateTime,
    })),
  }),
  PointsRules: items(obj({
    id: int, orgUnitId: int, orgUnitName: str, orgUnitKind: oneOf(['district', 'community']), kind: oneOf(POINTS_RULE_KINDS), points: int, dailyCap: int, updatedAt: dateTime,
  })),
  PointsParticipation: obj({
    from: date, to: date,
    items: arr(obj({ communityId: int, communityName: str, residents: int, earned: int, spent: int, activitiesHeld: int, attendances: int })),
  }),
  ShopItem: shopItem,
  ShopItems: items(shopItem),
  Redemption: redemption,
  Redemptions: items(redemption),
  Activity: obj({ ...activity, signups: arr(signup) }),
  Activities: items(obj({ ...activity, signedUpByMe: bool, attendedAt: nullable(dateTime) })),
} satisfies Record<string, SchemaObject>;
