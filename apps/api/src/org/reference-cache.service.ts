import { Injectable } from '@nestjs/common';
import type { Priority } from '@red-butler/domain';
import { DataSource, type EntityManager } from 'typeorm';

export interface CategoryRef {
  id: number;
  active: boolean;
  defaultPriority: Priority;
}

export interface CompoundRef {
  id: number;
  districtId: number;
  streetId: number;
  communityId: number;
  gridId: number | null;
}

const CATEGORIES_MS = 30_000;
const UNITS_MS = 5 * 60_000;

/**
 * Categories, compounds and buildings as intake needs them, in memory. Every report needs them and
 * they change a few times a year; a lookup that misses goes to the database, so a compound added
 * a minute ago is found at once, and a changed one is seen within five minutes.
 */
@Injectable()
export class ReferenceCache {
  private categories: { byId: Map<number, CategoryRef>; expires: number } | null = null;
  private readonly compounds = new Map<number, { ref: CompoundRef; expires: number }>();
  private readonly buildings = new Map<number, { compoundId: number; expires: number }>();

  constructor(private readonly db: DataSource) {}

  async category(id: number, em: EntityManager = this.db.manager): Promise<CategoryRef | null> {
    if (!this.categories || this.categories.expires < Date.now() || !this.categories.byId.has(id)) {
      const rows: Array<{ id: number; active: boolean; default_priority: Priority }> = await em.query('SELECT id, active, default_priority FROM categories');
      this.categories = {
        byId: new Map(rows.map((r) => [r.id, { id: r.id, active: r.active, defaultPriority: r.default_priority }])),
        expires: Date.now() + CATEGORIES_MS,
      };
    }
    return this.categories.byId.get(id) ?? null;
  }

  /** After an admin's change in this process (other processes re-read within 30 s). */
  invalidateCategories(): void {
    this.categories = null;
  }

  async compound(id: number, em: EntityManager = this.db.manager): Promise<CompoundRef | null> {
    const hit = this.compounds.get(id);
    if (hit && hit.expires > Date.now()) return hit.ref;
    const rows: Array<{ district_id: number; street_id: number; community_id: number; grid_id: number | null }> = await em.query(
      `SELECT district_id, street_id, community_id, grid_id FROM org_units WHERE id = $1 AND kind = 'compound'`,
      [id],
    );
    if (!rows[0]) return null;
    const ref = { id, districtId: rows[0].district_id, streetId: rows[0].street_id, communityId: rows[0].community_id, gridId: rows[0].grid_id };
    this.compounds.set(id, { ref, expires: Date.now() + UNITS_MS });
    return ref;
  }

  /** The compound a building belongs to, or null when it is not a building. */
  async buildingCompound(id: number, em: EntityManager = this.db.manager): Promise<number | null> {
    const hit = this.buildings.get(id);
    if (hit && hit.expires > Date.now()) return hit.compoundId;
    const rows: Array<{ parent_id: number }> = await em.query(`SELECT parent_id FROM org_units WHERE id = $1 AND kind = 'building'`, [id]);
    if (!rows[0]) return null;
    this.buildings.set(id, { compoundId: rows[0].parent_id, expires: Date.now() + UNITS_MS });
    return rows[0].parent_id;
  }
}
