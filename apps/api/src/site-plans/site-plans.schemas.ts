import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { TICKET_STATUSES } from '@red-butler/domain';
import { arr, bool, dateTime, int, nullable, num, obj, oneOf, opt, ref, str } from '../common/openapi/schema-builders';

const xy: SchemaObject = { type: 'array', items: num, minItems: 2, maxItems: 2, description: '[x, y] in plan units (≈ metres), y down' };
const marker = obj({ label: str, at: xy });
const named = obj({ id: int, name: str });

/** Shapes of the 小区平面图 endpoints, spread into RESPONSE_SCHEMAS. */
export const SITE_PLAN_SCHEMAS = {
  SitePlan: obj({
    width: num, height: num, outline: arr(xy),
    buildings: arr(obj({ buildingId: int, label: str, polygon: arr(xy), entrances: opt(arr(marker)) })),
    gates: opt(arr(marker)),
    roads: opt(arr(obj({ label: opt(str), path: arr(xy), width: num }))),
    greens: opt(arr(obj({ label: opt(str), polygon: arr(xy) }))),
  }),
  CompoundPlan: obj({ compoundId: int, revision: int, updatedAt: dateTime, plan: ref('SitePlan') }),
  CompoundPlanPins: obj({
    compound: named,
    items: arr(obj({
      id: int, no: str, status: oneOf(TICKET_STATUSES), category: obj({ id: int, name: str, icon: str }), planPoint: obj({ x: num, y: num }),
      building: nullable(named), overdue: bool, warned: bool, dueAt: nullable(dateTime), createdAt: dateTime,
    })),
  }),
} satisfies Record<string, SchemaObject>;
