import { codeIds } from './actors';
import type { TestApp } from './test-app';

/**
 * A world of its own for the supervision tests: a compound in 安居苑社区 (北京中路街道) served by a
 * company no other suite uses, a second company to take over, and the people around them. Suites
 * share one database; 清退 and 降级 here must not move another suite's dispatch or ranking.
 */
export async function supervisionWorld(t: TestApp, tag: string) {
  const ids = await codeIds(t);
  const [grid]: Array<{ id: number; district_id: number; street_id: number; community_id: number }> = await t.db.query(
    `SELECT id, district_id, street_id, community_id FROM org_units WHERE code = 'anjuyuan-g2'`,
  );
  const compound = async (code: string, name: string) => {
    const [row]: Array<{ id: number }> = await t.db.query(
      `INSERT INTO org_units (kind, code, name, parent_id, district_id, street_id, community_id, grid_id, households, address)
       VALUES ('compound', $1, $2, $3, $4, $5, $6, $3, 320, '金凤区北京中路') RETURNING id`,
      [code, name, grid.id, grid.district_id, grid.street_id, grid.community_id],
    );
    return row.id;
  };
  const company = async (code: string, name: string) => {
    const [row]: Array<{ id: number }> = await t.db.query(
      `INSERT INTO organizations (kind, code, name, district_id) VALUES ('property_company', $1, $2, $3) RETURNING id`,
      [code, name, grid.district_id],
    );
    return row.id;
  };
  const user = async (username: string, displayName: string, binding: { role: string; unit?: number; org?: number }, compoundId: number | null = null) => {
    const [row]: Array<{ id: number }> = await t.db.query(
      `INSERT INTO users (username, display_name, phone, compound_id) VALUES ($1, $2, '13900001111', $3) RETURNING id`,
      [username, displayName, compoundId],
    );
    await t.db.query(`INSERT INTO role_bindings (user_id, role, org_unit_id, organization_id) VALUES ($1, $2, $3, $4)`, [row.id, binding.role, binding.unit ?? null, binding.org ?? null]);
    return username;
  };
  const compoundId = await compound(`sup-${tag}`, `督导测试小区${tag}`);
  const laterCompoundId = await compound(`sup-later-${tag}`, `督导测试二区${tag}`);
  const oldCo = await company(`sup-old-${tag}`, `督导测试物业${tag}`);
  const newCo = await company(`sup-new-${tag}`, `接管测试物业${tag}`);
  for (const c of [compoundId, laterCompoundId]) {
    await t.db.query(
      `INSERT INTO compound_contracts (compound_id, organization_id, kind, starts_on, ends_on) VALUES ($1, $2, 'contract', current_date - 100, current_date + 300)`,
      [c, oldCo],
    );
  }
  return {
    ids,
    compoundId,
    laterCompoundId,
    oldCo,
    newCo,
    streetId: grid.street_id,
    districtId: grid.district_id,
    oldPm: await user(`sup-pm-old-${tag}`, '张经理', { role: 'property_manager', org: oldCo }),
    newPm: await user(`sup-pm-new-${tag}`, '李经理', { role: 'property_manager', org: newCo }),
    resident: await user(`sup-res-${tag}`, '王居民', { role: 'resident' }, compoundId),
    otherStreet: await user(`sup-street-x-${tag}`, '上海西路街道干部', { role: 'street_staff', unit: ids.unit('shanghaixilu') }),
  };
}
