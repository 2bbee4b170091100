import { shanghaiDate } from '@red-butler/domain';
import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../access/actor';
import { isOverseerOf, livesIn, type CompoundPlace } from '../owners/compound-scope';

export interface ServingCompany {
  id: number;
  name: string;
}

/** The company whose contract covers the compound on the given instant's Shanghai day, if any. */
export async function servingCompany(db: DataSource | EntityManager, compoundId: number, at: Date): Promise<ServingCompany | null> {
  const rows: ServingCompany[] = await db.query(
    `SELECT o.id, o.name FROM compound_contracts k JOIN organizations o ON o.id = k.organization_id
      WHERE k.compound_id = $1 AND $2::date BETWEEN k.starts_on AND k.ends_on ORDER BY k.starts_on DESC LIMIT 1`,
    [compoundId, shanghaiDate(at)],
  );
  return rows[0] ?? null;
}

/** A property manager of that company (its 五公开 are theirs to write). */
export function managesCompany(actor: Actor, organizationId: number): boolean {
  return actor.bindings.some((b) => b.role === 'property_manager' && b.organizationId === organizationId);
}

/** How the caller relates to a compound's 五公开. */
export interface DisclosureAccess {
  company: boolean;
  overseer: boolean;
  resident: boolean;
}

export async function disclosureAccess(db: DataSource | EntityManager, actor: Actor, c: CompoundPlace, company: ServingCompany | null): Promise<DisclosureAccess> {
  const isCompany = company !== null && managesCompany(actor, company.id);
  const overseer = isOverseerOf(actor, c);
  return { company: isCompany, overseer, resident: isCompany || overseer ? false : await livesIn(db, actor, c) };
}
