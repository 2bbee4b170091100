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

export interface IntakeRefs {
  category: CategoryRef | null;
  compound: CompoundRef | null;
  /** The compound of the building asked for, or null when it is not a building (undefined: none asked). */
  buildingCompound?: number | null;
}

// Only a safety net: the version check below is what makes a change visible.
const CATEGORIES_MS = 30_000;
const UNITS_MS = 5 * 60_000;

/**
 * Categories, compounds and buildings as intake needs them, in memory. Every report needs them and
 * they change a few times a year. Before trusting its copy the cache compares one integer,
 * config_versions('reference'), which a statement trigger bumps in the same transaction as any write
 * to categories or org_units (migration ReferenceVersion): an admin's change, in any process, applies
 * to the next report filed in every process (API instances and the worker) the moment it commits,
 * and a changed version drops every entry. A lookup that misses goes to the database.
 *
 * As in SlaService, reads run on the caller's manager (inside a transaction, that transaction's
 * connection: a second pool connection there can deadlock the pool), and a transaction checks the
 * version once. `intake()` answers all of a report's lookups after a single check.
 */
@Injectable()
export class ReferenceCache {
  private categories: { byId: Map<number, CategoryRef>; expires: number } | null = null;
  private readonly compounds = new Map<number, { ref: CompoundRef; expires: number }>();
  private readonly buildings = new Map<number, { compoundId: number; expires: number }>();
  /** The version the entries above were read under. */
  private version: string | null = null;
  /** Moves on each drop: a read that began before a drop must not store what it read. */
  private generation = 0;
  private readonly checked = new WeakMap<EntityManager, string>();

  constructor(private readonly db: DataSource) {}

  /** A report's category, compound and (optionally) building, after one version check. */
  async intake(q: { categoryId: number; compoundId: number; buildingId?: number }, em: EntityManager = this.db.manager): Promise<IntakeRefs> {
    await this.sync(em);
    const category = await this.cachedCategory(q.categoryId, em);
    const compound = await this.cachedCompound(q.compoundId, em);
    if (q.buildingId === undefined) return { category, compound };
    return { category, compound, buildingCompound: await this.cachedBuildingCompound(q.buildingId, em) };
  }

  async category(id: number, em: EntityManager = this.db.manager): Promise<CategoryRef | null> {
    await this.sync(em);
    return this.cachedCategory(id, em);
  }

  async compound(id: number, em: EntityManager = this.db.manager): Promise<CompoundRef | null> {
    await this.sync(em);
    return this.cachedCompound(id, em);
  }

  /** The compound a building belongs to, or null when it is not a building. */
  async buildingCompound(id: number, em: EntityManager = this.db.manager): Promise<number | null> {
    await this.sync(em);
    return this.cachedBuildingCompound(id, em);
  }

  /** After this process's own change: re-read at once (the version would tell it on the next lookup anyway). */
  invalidate(): void {
    this.drop();
  }

  /** Drops every entry when the version moved since they were read. */
  private async sync(em: EntityManager): Promise<void> {
    const version = await this.currentVersion(em);
    if (version !== this.version) {
      this.drop();
      // Entries read from now on are at least as new as this version (the version is read first).
      this.version = version;
    }
  }

  private drop(): void {
    this.generation++;
    this.categories = null;
    this.compounds.clear();
    this.buildings.clear();
  }

  private async currentVersion(em: EntityManager): Promise<string> {
    // Only a transaction's manager is reused for several reads; the shared manager must check each time.
    const inTransaction = em.queryRunner?.isTransactionActive === true;
    const seen = inTransaction ? this.checked.get(em) : undefined;
    if (seen !== undefined) return seen;
    const rows: Array<{ version: string }> = await em.query(`SELECT version FROM config_versions WHERE name = 'reference'`);
    const version = rows[0]?.version ?? '0';
    if (inTransaction) this.checked.set(em, version);
    return version;
  }

  private async cachedCategory(id: number, em: EntityManager): Promise<CategoryRef | null> {
    const cached = this.categories;
    if (cached && cached.expires >= Date.now() && cached.byId.has(id)) return cached.byId.get(id) ?? null;
    const generation = this.generation;
    const rows: Array<{ id: number; active: boolean; default_priority: Priority }> = await em.query('SELECT id, active, default_priority FROM categories');
    const byId = new Map(rows.map((r) => [r.id, { id: r.id, active: r.active, defaultPriority: r.default_priority }]));
    if (generation === this.generation) this.categories = { byId, expires: Date.now() + CATEGORIES_MS };
    return byId.get(id) ?? null;
  }

  private async cachedCompound(id: number, em: EntityManager): Promise<CompoundRef | null> {
    const hit = this.compounds.get(id);
    if (hit && hit.expires > Date.now()) return hit.ref;
    const generation = this.generation;
    const rows: Array<{ district_id: number; street_id: number; community_id: number; grid_id: number | null }> = await em.query(
      `SELECT district_id, street_id, community_id, grid_id FROM org_units WHERE id = $1 AND kind = 'compound'`,
      [id],
    );
    if (!rows[0]) return null;
    const ref = { id, districtId: rows[0].district_id, streetId: rows[0].street_id, communityId: rows[0].community_id, gridId: rows[0].grid_id };
    if (generation === this.generation) this.compounds.set(id, { ref, expires: Date.now() + UNITS_MS });
    return ref;
  }

  private async cachedBuildingCompound(id: number, em: EntityManager): Promise<number | null> {
    const hit = this.buildings.get(id);
    if (hit && hit.expires > Date.now()) return hit.compoundId;
    const generation = this.generation;
    const rows: Array<{ parent_id: number }> = await em.query(`SELECT parent_id FROM org_units WHERE id = $1 AND kind = 'building'`, [id]);
    if (!rows[0]) return null;
    if (generation === this.generation) this.buildings.set(id, { compoundId: rows[0].parent_id, expires: Date.now() + UNITS_MS });
    return rows[0].parent_id;
  }
}
