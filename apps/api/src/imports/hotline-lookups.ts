import type { Priority } from '@red-butler/domain';
import type { DataSource } from 'typeorm';
import type { CategoryRef } from '../org/reference-cache.service';
import type { HotlineRow } from './hotline-columns';

export interface CompoundRow { id: number; name: string; community_name: string; district_id: number; street_id: number; community_id: number; grid_id: number | null }
interface CategoryRow { id: number; code: string; name: string; active: boolean; default_priority: Priority }

/** What a file's rows name, loaded once per file: categories, the compounds named, their buildings. */
export interface Lookups {
  /** by name and by code */
  categories: Map<string, CategoryRef>;
  /** by name; names can repeat across a district */
  compounds: Map<string, CompoundRow[]>;
  /** `${compoundId}/${buildingKey}` → building id */
  buildings: Map<string, number>;
}

/** 6, 6号楼, 6栋, 6幢 all name building 6; other names match exactly. */
export const buildingKey = (name: string) => {
  const m = /^(\d+)\s*(号楼|号|栋|幢|楼)?$/.exec(name.trim());
  return m ? `#${Number(m[1])}` : name.trim();
};

export async function loadLookups(db: DataSource, rows: HotlineRow[]): Promise<Lookups> {
  const names = [...new Set(rows.map((r) => r.compound).filter(Boolean))];
  const [categories, compounds] = await Promise.all([
    db.query('SELECT id, code, name, active, default_priority FROM categories') as Promise<CategoryRow[]>,
    db.query(
      `SELECT cp.id, cp.name, cm.name AS community_name, cp.district_id, cp.street_id, cp.community_id, cp.grid_id
         FROM org_units cp JOIN org_units cm ON cm.id = cp.community_id
        WHERE cp.kind = 'compound' AND cp.name = ANY($1)`,
      [names],
    ) as Promise<CompoundRow[]>,
  ]);
  const buildings: Array<{ id: number; parent_id: number; name: string }> = compounds.length
    ? await db.query(`SELECT id, parent_id, name FROM org_units WHERE kind = 'building' AND parent_id = ANY($1)`, [compounds.map((c) => c.id)])
    : [];
  const byName = new Map<string, CategoryRef>();
  for (const c of categories) {
    const ref = { id: c.id, active: c.active, defaultPriority: c.default_priority };
    byName.set(c.name, ref);
    byName.set(c.code, ref);
  }
  const compoundsByName = new Map<string, CompoundRow[]>();
  for (const c of compounds) compoundsByName.set(c.name, [...(compoundsByName.get(c.name) ?? []), c]);
  return {
    categories: byName,
    compounds: compoundsByName,
    buildings: new Map(buildings.map((b) => [`${b.parent_id}/${buildingKey(b.name)}`, b.id])),
  };
}
