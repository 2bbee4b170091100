import { randomBytes } from 'node:crypto';
import type { OrgUnitKind } from '@red-butler/domain';
import { ANCESTOR_COLUMN, UNIT_DEPTH, scopeCovers, type UnitRow } from './admin-scope';
import { areaCell, countCell, textCell } from './cell-values';
import { diff, type Value } from './change-log';
import { RowRefused, type Cells, type ImportContext, type ImportRowResult } from './import-row';
import type { ColumnsOf } from './import-kinds';

type F = ColumnsOf<'org'>;
const LEVELS = ['street', 'community', 'grid', 'compound', 'building'] as const satisfies readonly (OrgUnitKind & F)[];
const LEVEL_TEXT: Record<(typeof LEVELS)[number], string> = { street: '街道', community: '社区', grid: '网格', compound: '小区', building: '楼栋' };

export const UNIT_COLUMNS = 'id, kind, name, parent_id, district_id, street_id, community_id, grid_id, compound_id, households, entrances, floor_area_m2, address';
type StoredUnit = UnitRow & { households: number | null; entrances: number | null; floor_area_m2: string | null; address: string | null };

/** The kind of a row: the deepest level it names. Sorting by it lets a file list a compound before its community. */
export function orgRowDepth(cells: Cells<F>): number {
  const named = LEVELS.filter((l) => cells(l) !== '');
  return named.length ? UNIT_DEPTH[named[named.length - 1]] : 0;
}

async function child(ctx: ImportContext, parentId: number, kind: OrgUnitKind, name: string): Promise<StoredUnit | undefined> {
  const rows: StoredUnit[] = await ctx.em.query(`SELECT ${UNIT_COLUMNS} FROM org_units WHERE parent_id = $1 AND kind = $2 AND name = $3`, [parentId, kind, name]);
  return rows[0];
}

/** A new unit below `parent`: ancestors copied from the parent, itself in its own column (so `street_id = :scope` finds the street too). */
export async function insertUnit(ctx: ImportContext, kind: OrgUnitKind, name: string, parent: UnitRow, values: Record<string, Value | undefined>): Promise<number> {
  const [row]: Array<{ id: number }> = await ctx.em.query(
    `INSERT INTO org_units (kind, code, name, parent_id, district_id, street_id, community_id, grid_id, compound_id, households, entrances, floor_area_m2, address)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
    [kind, `${kind}-${randomBytes(6).toString('hex')}`, name, parent.id, parent.district_id, parent.street_id, parent.community_id, parent.grid_id, parent.compound_id,
     values.households ?? null, values.entrances ?? null, values.floor_area_m2 ?? null, values.address ?? null],
  );
  const column = ANCESTOR_COLUMN[kind];
  if (column) await ctx.em.query(`UPDATE org_units SET ${column} = id WHERE id = $1`, [row.id]);
  return row.id;
}

/**
 * One row of the org tree: 街道/社区/网格/小区/楼栋 name the path from the district down, and the row is
 * the deepest unit named. Natural key: the name within its parent (a compound is "明园小区 of 第一网格 of
 * 中强巷社区 of 满城北街街道"); 网格 may be left empty for a compound that belongs to no grid. Every unit
 * above the row's must exist already or be a row of the same file. Empty value cells leave what is stored.
 */
export async function importOrgRow(ctx: ImportContext, cells: Cells<F>, line: number, seen: Set<string>): Promise<ImportRowResult> {
  const named = LEVELS.filter((l) => cells(l) !== '');
  if (named.length === 0) throw new RowRefused('REQUIRED', 'street', 'name at least the 街道');
  const level = named[named.length - 1];
  const path = LEVELS.slice(0, LEVELS.indexOf(level) + 1).filter((l) => !(l === 'grid' && cells('grid') === '' && level !== 'grid'));
  for (const l of path) if (cells(l) === '') throw new RowRefused('REQUIRED', l, `a ${LEVEL_TEXT[level]} row needs its ${LEVEL_TEXT[l]}`);
  for (const l of path) textCell(cells(l), l, 100);
  const key = path.map((l) => cells(l)).join(' / ');
  if (seen.has(key)) throw new RowRefused('REPEATED_IN_FILE', level, 'this unit appears earlier in the file');
  seen.add(key);

  const values: Record<string, Value | undefined> = {
    households: cells('households') ? countCell(cells('households'), 'households', 1_000_000) : undefined,
    entrances: cells('entrances') ? countCell(cells('entrances'), 'entrances', 1000) : undefined,
    floor_area_m2: cells('floorArea') ? areaCell(cells('floorArea'), 'floorArea') : undefined,
    address: cells('address') ? textCell(cells('address'), 'address', 200) : undefined,
  };
  if (values.entrances !== undefined && level !== 'building') throw new RowRefused('INVALID', 'entrances', '单元数 belongs to a 楼栋 row');

  const [district]: StoredUnit[] = await ctx.em.query(`SELECT ${UNIT_COLUMNS} FROM org_units WHERE id = $1`, [ctx.districtId]);
  let parent: StoredUnit = district;
  for (const l of path.slice(0, -1)) {
    const found = await child(ctx, parent.id, l, cells(l));
    if (!found) throw new RowRefused('NOT_FOUND', l, `no ${LEVEL_TEXT[l]} “${cells(l)}” under “${parent.name}”: add a row for it (or correct the name)`);
    parent = found;
  }
  if (!scopeCovers(ctx.scope, { ...parent, kind: level })) throw new RowRefused('OUT_OF_SCOPE', path[0], `outside the part of the district you maintain (${ctx.scope.unit?.name})`);
  const existing = await child(ctx, parent.id, level, cells(level));
  if (!existing) {
    const id = await insertUnit(ctx, level, cells(level), parent, values);
    const changes = [{ field: 'created', from: null, to: key }, ...diff({}, values)];
    await ctx.log.record('org_unit', id, changes);
    return { line, key, status: 'created', changes };
  }
  const changes = diff(existing, values);
  await ctx.log.update('org_units', 'org_unit', existing.id, changes, values);
  return { line, key, status: changes.length ? 'updated' : 'unchanged', changes };
}
