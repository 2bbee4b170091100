import { scopeCovers, type UnitRow } from './admin-scope';
import { dateCell, textCell } from './cell-values';
import { diff, type Value } from './change-log';
import { usccCell } from './company-rows';
import { RowRefused, type Cells, type ImportContext, type ImportRowResult } from './import-row';
import type { ColumnsOf } from './import-kinds';

type F = ColumnsOf<'contracts'>;
const KINDS = new Map([['物业合同', 'contract'], ['合同', 'contract'], ['社区托管', 'custody'], ['托管', 'custody']]);
export const CONTRACT_KIND_TEXT: Record<string, string> = { contract: '物业合同', custody: '社区托管' };

/** The compound a contract row names: 社区 by name in the district, 小区 by name in that community. */
async function compoundOf(ctx: ImportContext, community: string, compound: string): Promise<UnitRow> {
  const communities: UnitRow[] = await ctx.em.query(`SELECT id, kind, name, district_id FROM org_units WHERE kind = 'community' AND district_id = $1 AND name = $2`, [ctx.districtId, community]);
  if (communities.length === 0) throw new RowRefused('NOT_FOUND', 'community', `no 社区 “${community}” in the district`);
  if (communities.length > 1) throw new RowRefused('AMBIGUOUS', 'community', `${communities.length} communities are named “${community}”`);
  const compounds: UnitRow[] = await ctx.em.query(
    `SELECT id, kind, name, parent_id, district_id, street_id, community_id, grid_id, compound_id FROM org_units WHERE kind = 'compound' AND community_id = $1 AND name = $2`,
    [communities[0].id, compound],
  );
  if (compounds.length === 0) throw new RowRefused('NOT_FOUND', 'compound', `no 小区 “${compound}” in ${community}`);
  if (compounds.length > 1) throw new RowRefused('AMBIGUOUS', 'compound', `${compounds.length} compounds of ${community} are named “${compound}”`);
  return compounds[0];
}

async function companyOf(ctx: ImportContext, usccText: string, name: string): Promise<{ id: number; name: string }> {
  if (usccText) {
    const uscc = usccCell(usccText, 'uscc');
    const rows: Array<{ id: number; name: string }> = await ctx.em.query(`SELECT id, name FROM organizations WHERE kind = 'property_company' AND district_id = $1 AND uscc = $2`, [ctx.districtId, uscc]);
    if (!rows[0]) throw new RowRefused('NOT_FOUND', 'uscc', 'no property company with this code: import it first (物业公司)');
    return rows[0];
  }
  if (!name) throw new RowRefused('REQUIRED', 'uscc', 'the company’s 统一社会信用代码 (or, for a service station without one, its exact 企业名称)');
  const rows: Array<{ id: number; name: string }> = await ctx.em.query(`SELECT id, name FROM organizations WHERE kind = 'property_company' AND district_id = $1 AND name = $2`, [ctx.districtId, name]);
  if (rows.length === 0) throw new RowRefused('NOT_FOUND', 'company', `no property company named “${name}”`);
  if (rows.length > 1) throw new RowRefused('AMBIGUOUS', 'company', 'several companies have this name: give the 统一社会信用代码');
  return rows[0];
}

/** Another contract of the compound whose days overlap [from, to]: two companies at once leave dispatch guessing. */
export async function overlappingContract(ctx: Pick<ImportContext, 'em'>, compoundId: number, from: string, to: string, exceptId: number | null) {
  const rows: Array<{ id: number; name: string; starts_on: string; ends_on: string }> = await ctx.em.query(
    `SELECT k.id, o.name, k.starts_on::text, k.ends_on::text FROM compound_contracts k JOIN organizations o ON o.id = k.organization_id
      WHERE k.compound_id = $1 AND k.starts_on <= $3 AND k.ends_on >= $2 AND k.id IS DISTINCT FROM $4 ORDER BY k.starts_on LIMIT 1`,
    [compoundId, from, to, exceptId],
  );
  return rows[0];
}

/**
 * One contract (or 社区托管). Natural key: compound + company + start date; the end date and the kind
 * are what an import may change. A contract is never deleted: ending one early is a new 结束日期.
 */
export async function importContractRow(ctx: ImportContext, cells: Cells<F>, line: number, seen: Set<string>): Promise<ImportRowResult> {
  for (const f of ['community', 'compound', 'startsOn', 'endsOn'] as const) if (!cells(f)) throw new RowRefused('REQUIRED', f, 'required');
  const compound = await compoundOf(ctx, textCell(cells('community'), 'community', 100), textCell(cells('compound'), 'compound', 100));
  if (!scopeCovers(ctx.scope, compound)) throw new RowRefused('OUT_OF_SCOPE', 'community', `outside the part of the district you maintain (${ctx.scope.unit?.name})`);
  const company = await companyOf(ctx, cells('uscc'), cells('company'));
  const kind = cells('kind') ? KINDS.get(cells('kind')) : 'contract';
  if (!kind) throw new RowRefused('INVALID', 'kind', 'write 物业合同 or 社区托管');
  const startsOn = dateCell(cells('startsOn'), 'startsOn');
  const endsOn = dateCell(cells('endsOn'), 'endsOn');
  if (endsOn < startsOn) throw new RowRefused('INVALID', 'endsOn', 'the end date is before the start date');
  const key = `${cells('community')} / ${compound.name} · ${company.name} · ${startsOn}`;
  if (seen.has(key)) throw new RowRefused('REPEATED_IN_FILE', 'startsOn', 'this contract appears earlier in the file');
  seen.add(key);

  const [existing]: Array<{ id: number; kind: string; ends_on: string }> = await ctx.em.query(
    `SELECT id, kind::text, ends_on::text FROM compound_contracts WHERE compound_id = $1 AND organization_id = $2 AND starts_on = $3`,
    [compound.id, company.id, startsOn],
  );
  const clash = await overlappingContract(ctx, compound.id, startsOn, endsOn, existing?.id ?? null);
  if (clash) throw new RowRefused('CONFLICT', 'startsOn', `overlaps ${clash.name}’s contract ${clash.starts_on}–${clash.ends_on} for this compound: end that one first`);
  const values: Record<string, Value> = { kind, ends_on: endsOn };
  if (!existing) {
    const [row]: Array<{ id: number }> = await ctx.em.query(
      `INSERT INTO compound_contracts (compound_id, organization_id, kind, starts_on, ends_on) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [compound.id, company.id, kind, startsOn, endsOn],
    );
    const changes = [{ field: 'created', from: null, to: key }, ...diff({}, { ...values, starts_on: startsOn })];
    await ctx.log.record('contract', row.id, changes);
    return { line, key, status: 'created', changes };
  }
  const changes = diff(existing, values);
  await ctx.log.update('compound_contracts', 'contract', existing.id, changes, values);
  return { line, key, status: changes.length ? 'updated' : 'unchanged', changes };
}
