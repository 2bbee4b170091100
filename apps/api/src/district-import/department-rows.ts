import { createHash } from 'node:crypto';
import { phoneCell, textCell } from './cell-values';
import { diff, type Value } from './change-log';
import { RowRefused, type Cells, type ImportContext, type ImportRowResult } from './import-row';
import type { ColumnsOf } from './import-kinds';

type F = ColumnsOf<'departments'>;
type StoredDepartment = { id: number; name: string; short_name: string | null; phone: string | null };

/** The categories a department owns, by name, as one text for the history ("飞线充电、燃气泄漏"). */
export async function ownedCategories(ctx: Pick<ImportContext, 'em'>, departmentId: number): Promise<Array<{ id: number; name: string }>> {
  return ctx.em.query(`SELECT id, name FROM categories WHERE department_id = $1 ORDER BY id`, [departmentId]);
}

export const namesText = (cats: Array<{ name: string }>) => (cats.length ? cats.map((c) => c.name).join('、') : null);

/**
 * Gives the department exactly these categories: each becomes a department case owned by it (dispatch
 * suggests it; 吹哨 goes there), and a category it owned but no longer lists goes back to the property
 * company (handler_kind company). One history row per category moved, and one on the department.
 */
export async function setOwnedCategories(ctx: Pick<ImportContext, 'em' | 'log'>, departmentId: number, categoryIds: number[]): Promise<{ from: string | null; to: string | null }> {
  const before = await ownedCategories(ctx, departmentId);
  const released = before.filter((c) => !categoryIds.includes(c.id));
  const taken: Array<{ id: number; department_id: number | null }> = await ctx.em.query(
    `SELECT id, department_id FROM categories WHERE id = ANY($1) AND department_id IS DISTINCT FROM $2 ORDER BY id`, [categoryIds, departmentId],
  );
  for (const c of released) {
    await ctx.em.query(`UPDATE categories SET department_id = NULL, handler_kind = 'company' WHERE id = $1`, [c.id]);
    await ctx.log.record('category', c.id, [{ field: 'department_id', from: String(departmentId), to: null }]);
  }
  for (const c of taken) {
    await ctx.em.query(`UPDATE categories SET department_id = $2, handler_kind = 'department' WHERE id = $1`, [c.id, departmentId]);
    await ctx.log.record('category', c.id, [{ field: 'department_id', from: c.department_id === null ? null : String(c.department_id), to: String(departmentId) }]);
  }
  const after = await ownedCategories(ctx, departmentId);
  return { from: namesText(before), to: namesText(after) };
}

/**
 * One department (职能部门). Natural key: its name within the district (departments have no code that
 * districts keep). 负责类别 lists the categories it owns, by name, separated by 、 , ; or spaces; the list
 * replaces what it owned (an empty cell leaves it as it is).
 */
export async function importDepartmentRow(ctx: ImportContext, cells: Cells<F>, line: number, seen: Set<string>, claimed: Map<number, number>): Promise<ImportRowResult> {
  if (!cells('name')) throw new RowRefused('REQUIRED', 'name', 'required');
  const name = textCell(cells('name'), 'name', 100);
  if (seen.has(name)) throw new RowRefused('REPEATED_IN_FILE', 'name', 'this department appears earlier in the file');
  seen.add(name);
  const values: Record<string, Value | undefined> = {
    name,
    short_name: cells('shortName') ? textCell(cells('shortName'), 'shortName', 40) : undefined,
    phone: cells('phone') ? phoneCell(cells('phone'), 'phone') : undefined,
  };
  let categoryIds: number[] | null = null;
  if (cells('categories')) {
    const names = [...new Set(cells('categories').split(/[、,，;；\s]+/).filter(Boolean))];
    const found: Array<{ id: number; name: string; code: string }> = await ctx.em.query(`SELECT id, name, code FROM categories WHERE name = ANY($1) OR code = ANY($1)`, [names]);
    const missing = names.filter((n) => !found.some((c) => c.name === n || c.code === n));
    if (missing.length) throw new RowRefused('NOT_FOUND', 'categories', `no category named ${missing.map((m) => `“${m}”`).join('、')}`);
    categoryIds = found.map((c) => c.id);
    const twice = categoryIds.find((id) => claimed.has(id));
    if (twice !== undefined) throw new RowRefused('REPEATED_IN_FILE', 'categories', `“${found.find((c) => c.id === twice)?.name}” is already given to another department on line ${claimed.get(twice)}`);
    for (const id of categoryIds) claimed.set(id, line);
  }
  const [existing]: StoredDepartment[] = await ctx.em.query(
    `SELECT id, name, short_name, phone FROM organizations WHERE kind = 'department' AND district_id = $1 AND name = $2`, [ctx.districtId, name],
  );
  let id: number;
  let changes;
  if (!existing) {
    const [row]: Array<{ id: number }> = await ctx.em.query(
      `INSERT INTO organizations (kind, code, name, short_name, phone, district_id) VALUES ('department', $1, $2, $3, $4, $5) RETURNING id`,
      [`dept-${ctx.districtId}-${createHash('sha256').update(name).digest('hex').slice(0, 16)}`, name, values.short_name ?? null, values.phone ?? null, ctx.districtId],
    );
    id = row.id;
    changes = [{ field: 'created', from: null, to: name }, ...diff({}, values)];
    await ctx.log.record('organization', id, changes);
  } else {
    id = existing.id;
    changes = diff(existing, values);
    await ctx.log.update('organizations', 'organization', id, changes, values);
  }
  if (categoryIds) {
    const moved = await setOwnedCategories(ctx, id, categoryIds);
    if (moved.from !== moved.to) {
      const change = { field: 'categories', ...moved };
      await ctx.log.record('organization', id, [change]);
      changes = [...changes, change];
    }
  }
  return { line, key: name, status: !existing ? 'created' : changes.length ? 'updated' : 'unchanged', changes };
}
