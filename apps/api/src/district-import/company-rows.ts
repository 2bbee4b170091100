import { randomBytes } from 'node:crypto';
import { phoneCell, textCell, yesNoCell } from './cell-values';
import { diff, type Value } from './change-log';
import { RowRefused, type Cells, type ImportContext, type ImportRowResult } from './import-row';
import type { ColumnsOf } from './import-kinds';
import { normaliseUscc, usccProblem, USCC_PROBLEM_TEXT } from './uscc.util';

type F = ColumnsOf<'companies'>;
export const COMPANY_COLUMNS = 'id, name, uscc, short_name, phone, is_fallback';
type StoredCompany = { id: number; name: string; uscc: string | null; short_name: string | null; phone: string | null; is_fallback: boolean };

/** A 统一社会信用代码 cell, normalised and checked (length, character set, GB 32100-2015 check character). */
export function usccCell(raw: string, field: string): string {
  const code = normaliseUscc(raw);
  const problem = usccProblem(code);
  if (problem) throw new RowRefused('INVALID', field, USCC_PROBLEM_TEXT[problem]);
  return code;
}

/**
 * One property company. Natural key: the 统一社会信用代码. A company already in the system without a
 * code (entered before codes were kept, e.g. the demo's) is matched once by its exact name and gets the
 * code; after that the code decides, so a renamed company is an update, not a second company.
 */
export async function importCompanyRow(ctx: ImportContext, cells: Cells<F>, line: number, seen: Set<string>): Promise<ImportRowResult> {
  if (!cells('uscc')) throw new RowRefused('REQUIRED', 'uscc', 'required (18 characters, on the business licence)');
  const uscc = usccCell(cells('uscc'), 'uscc');
  if (!cells('name')) throw new RowRefused('REQUIRED', 'name', 'required');
  const name = textCell(cells('name'), 'name', 100);
  if (seen.has(uscc)) throw new RowRefused('REPEATED_IN_FILE', 'uscc', 'this company appears earlier in the file');
  seen.add(uscc);
  const values: Record<string, Value | undefined> = {
    uscc,
    name,
    short_name: cells('shortName') ? textCell(cells('shortName'), 'shortName', 40) : undefined,
    phone: cells('phone') ? phoneCell(cells('phone'), 'phone') : undefined,
    is_fallback: cells('fallback') ? yesNoCell(cells('fallback'), 'fallback') : undefined,
  };
  const key = `${uscc} ${name}`;
  const [byCode]: Array<StoredCompany & { kind: string; district_id: number }> = await ctx.em.query(
    `SELECT ${COMPANY_COLUMNS}, kind, district_id FROM organizations WHERE uscc = $1`, [uscc],
  );
  if (byCode && (byCode.kind !== 'property_company' || byCode.district_id !== ctx.districtId)) {
    throw new RowRefused('CONFLICT', 'uscc', 'this code belongs to an organisation of another kind or district');
  }
  const existing = byCode ?? ((await ctx.em.query(
    `SELECT ${COMPANY_COLUMNS} FROM organizations WHERE kind = 'property_company' AND district_id = $1 AND uscc IS NULL AND name = $2 ORDER BY id LIMIT 1`,
    [ctx.districtId, name],
  )) as StoredCompany[])[0];
  if (!existing) {
    const [row]: Array<{ id: number }> = await ctx.em.query(
      `INSERT INTO organizations (kind, code, name, short_name, phone, district_id, is_fallback, uscc)
       VALUES ('property_company', $1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      // The code is an internal handle: not the USCC, which an admin may correct later.
      [`company-${randomBytes(6).toString('hex')}`, name, values.short_name ?? null, values.phone ?? null, ctx.districtId, values.is_fallback ?? false, uscc],
    );
    const changes = [{ field: 'created', from: null, to: key }, ...diff({}, values)];
    await ctx.log.record('organization', row.id, changes);
    return { line, key, status: 'created', changes };
  }
  const changes = diff(existing, values);
  await ctx.log.update('organizations', 'organization', existing.id, changes, values);
  return { line, key, status: changes.length ? 'updated' : 'unchanged', changes };
}
