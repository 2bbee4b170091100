import type { EntityManager } from 'typeorm';
import type { PointsRuleKind } from './points-rule.entity';

/** Demo 积分: the district's earning rules and each demo community's 爱心屋 shelf (seeds/demo.json `points`). */
export interface SeedPoints {
  rules: Array<{ unit: string; kind: PointsRuleKind; points: number; dailyCap: number }>;
  shops: Array<{ community: string; items: Array<{ name: string; price: number; stock: number }> }>;
}

/** Rules are upserted; an item is added only when its community has none of that name, so a re-seed adds nothing twice. */
export async function seedPoints(em: EntityManager, points: SeedPoints | undefined, units: Map<string, number>): Promise<void> {
  if (!points) return;
  const [admin]: Array<{ id: number }> = await em.query(`SELECT id FROM users WHERE username = 'admin'`);
  if (!admin) return;
  const unit = (code: string) => {
    const id = units.get(code);
    if (id === undefined) throw new Error(`seed points: unknown org unit ${code}`);
    return id;
  };
  for (const r of points.rules) {
    await em.query(
      `INSERT INTO points_rules (org_unit_id, kind, points, daily_cap, updated_by) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (org_unit_id, kind) DO UPDATE SET points = EXCLUDED.points, daily_cap = EXCLUDED.daily_cap`,
      [unit(r.unit), r.kind, r.points, r.dailyCap, admin.id],
    );
  }
  for (const shop of points.shops) {
    for (const item of shop.items) {
      await em.query(
        `INSERT INTO shop_items (community_id, name, price, stock)
         SELECT $1::int, $2::varchar, $3::int, $4::int WHERE NOT EXISTS (SELECT 1 FROM shop_items WHERE community_id = $1::int AND name = $2::varchar)`,
        [unit(shop.community), item.name, item.price, item.stock],
      );
    }
  }
}
