import { Allow } from 'class-validator';

/**
 * The body of PUT /admin/compounds/:id/plan. The global pipe only checks that no unknown top-level
 * field is sent; the geometry is checked strictly by `validateSitePlan` (shared with the client),
 * which names the first bad field, e.g. `buildings[2].polygon[5][0]`.
 */
export class SitePlanDto {
  @Allow() width: unknown;
  @Allow() height: unknown;
  @Allow() outline: unknown;
  @Allow() buildings: unknown;
  @Allow() gates?: unknown;
  @Allow() roads?: unknown;
  @Allow() greens?: unknown;
}
