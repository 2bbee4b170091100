import type { EntityManager } from 'typeorm';
import type { SeedData } from '../seed/seed-data.types';
import { ownerKey } from './owner-key.util';

/**
 * Demo registers and their verified owners (seeds/demo.json: `register` on a compound, `owns` on a
 * user). Upserted like the rest of the seed, so running it again changes nothing.
 */
export async function seedRegisters(em: EntityManager, data: SeedData, units: Map<string, number>): Promise<void> {
  const unitIds = new Map<string, number>();
  for (const s of data.district.streets)
    for (const c of s.communities)
      for (const g of c.grids)
        for (const cp of g.compounds) {
          for (const r of cp.register ?? []) {
            const [row]: Array<{ id: number }> = await em.query(
              `INSERT INTO register_units (compound_id, building_id, unit_no, area_m2, sold, owner_name, owner_key) VALUES ($1, $2, $3, $4, $5, $6, $7)
               ON CONFLICT (compound_id, building_id, unit_no) DO UPDATE SET area_m2 = EXCLUDED.area_m2, sold = EXCLUDED.sold,
                 owner_name = EXCLUDED.owner_name, owner_key = EXCLUDED.owner_key
               RETURNING id`,
              [units.get(cp.code), units.get(r.building), r.unitNo, r.areaM2, r.sold, r.sold ? r.owner : null, r.sold && r.idNumber ? ownerKey(r.idNumber) : null],
            );
            unitIds.set(`${r.building}/${r.unitNo}`, row.id);
          }
        }
  for (const u of data.users) {
    for (const key of u.owns ?? []) {
      const unitId = unitIds.get(key);
      if (unitId === undefined) throw new Error(`seed: user ${u.username} owns unknown unit ${key}`);
      await em.query(
        `INSERT INTO unit_owners (unit_id, user_id, status, decided_at) SELECT $1, id, 'verified', now() FROM users WHERE username = $2
         ON CONFLICT (unit_id, user_id) DO UPDATE SET status = 'verified'`,
        [unitId, u.username],
      );
    }
  }
}
