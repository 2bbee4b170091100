import { buildingAt, pointInOrOnPolygon } from '@red-butler/domain';
import type { DataSource, EntityManager } from 'typeorm';
import { ApiException } from '../common/api.exception';
import { loadSitePlan } from './site-plan.store';

/**
 * A reported plan point checked against the compound's plan: the compound must have one and the
 * point must lie within its outline. Answers the building drawn under the point, if any.
 */
export async function planPlace(db: DataSource | EntityManager, compoundId: number, p: { x: number; y: number }): Promise<{ buildingId: number | null }> {
  const stored = await loadSitePlan(db, compoundId);
  if (!stored) throw ApiException.validation('planPoint', 'the compound has no site plan');
  const { plan } = stored;
  if (p.x > plan.width || p.y > plan.height || !pointInOrOnPolygon([p.x, p.y], plan.outline, 1)) {
    throw ApiException.validation('planPoint', 'the point lies outside the compound on its site plan');
  }
  return { buildingId: buildingAt(plan, p)?.buildingId ?? null };
}
