import type { EntityManager } from 'typeorm';
import type { SeedData } from '../seed/seed-data.types';
import { generateSitePlan } from './site-plan.generator';

/**
 * Every demo compound gets a generated plan keyed by its buildings. Written only when the compound
 * has none: a plan an admin drew survives a re-seed.
 */
export async function seedSitePlans(em: EntityManager, data: SeedData, units: Map<string, number>): Promise<void> {
  for (const s of data.district.streets) {
    for (const c of s.communities) {
      for (const g of c.grids) {
        for (const cp of g.compounds) {
          const compoundId = units.get(cp.code);
          if (compoundId === undefined) continue;
          const buildings = cp.buildings.map((b) => ({ id: units.get(b.code) as number, name: b.name }));
          await em.query(
            `INSERT INTO compound_plans (compound_id, data) VALUES ($1, $2) ON CONFLICT (compound_id) DO NOTHING`,
            [compoundId, generateSitePlan(buildings)],
          );
        }
      }
    }
  }
}
