import type { SitePlan } from '@red-butler/domain';
import type { DataSource, EntityManager } from 'typeorm';

export interface StoredPlan {
  compoundId: number;
  revision: number;
  updatedAt: Date;
  plan: SitePlan;
}

export async function loadSitePlan(db: DataSource | EntityManager, compoundId: number): Promise<StoredPlan | null> {
  const rows: Array<{ data: SitePlan; revision: number; updated_at: Date }> = await db.query(
    'SELECT data, revision, updated_at FROM compound_plans WHERE compound_id = $1',
    [compoundId],
  );
  const r = rows[0];
  return r ? { compoundId, revision: r.revision, updatedAt: r.updated_at, plan: r.data } : null;
}

/** A strong validator that changes with every save of the compound's plan. */
export const planEtag = (p: Pick<StoredPlan, 'compoundId' | 'revision'>) => `"plan-${p.compoundId}-${p.revision}"`;
