import { HttpStatus, Injectable } from '@nestjs/common';
import { parseAreaCenti } from '@red-butler/domain';
import { DataSource } from 'typeorm';
import type { Actor } from '../access/actor';
import { ApiException } from '../common/api.exception';
import { textProblem } from '../common/clean-text.validator';
import { decodeCsv, looksBinary, type CsvEncoding } from '../imports/csv-decode.util';
import { parseCsv } from '../imports/csv-parse.util';
import { isCommunityStaffOf, loadCompound } from './compound-scope';
import { ID_NUMBER, ownerKey } from './owner-key.util';

/** The register's columns, by the header a 物业/社区 spreadsheet uses. */
export const REGISTER_COLUMNS = { building: '楼栋', unitNo: '房号', area: '建筑面积', ownerName: '业主姓名', idNumber: '证件号码', sold: '是否已售' } as const;
type Field = keyof typeof REGISTER_COLUMNS;
const FIELDS = Object.keys(REGISTER_COLUMNS) as Field[];

/** A compound has a few thousand units at most. */
export const REGISTER_MAX_ROWS = 10_000;
const SOLD = new Map([['是', true], ['已售', true], ['已交付', true], ['1', true], ['否', false], ['未售', false], ['未交付', false], ['0', false]]);

export const REGISTER_ROW_CODES = ['REQUIRED', 'INVALID', 'NOT_FOUND', 'REPEATED_IN_FILE'] as const;
export type RegisterRowCode = (typeof REGISTER_ROW_CODES)[number];

export interface RegisterRowResult {
  line: number;
  building: string;
  unitNo: string;
  status: 'created' | 'updated' | 'unchanged' | 'valid' | 'refused';
  reason?: { code: RegisterRowCode; field: Field; message: string };
}

interface Parsed { buildingId: number; unitNo: string; area: string; sold: boolean; ownerName: string | null; ownerKey: string | null }

class Refused extends Error {
  constructor(readonly code: RegisterRowCode, readonly field: Field, message: string) {
    super(`${REGISTER_COLUMNS[field]}: ${message}`);
  }
}

/**
 * The compound's register from a CSV (UTF-8 or GBK). Every row is checked first; a dry run reports
 * and writes nothing; the real run writes only a clean file, all rows in one transaction, upserting
 * by (building, 房号) so the same file imported again changes nothing. Units missing from a file are
 * kept: a unit that voted cannot vanish from the electorate by a partial file.
 */
@Injectable()
export class RegisterImportService {
  constructor(private readonly db: DataSource) {}

  async import(actor: Actor, compoundId: number, data: Buffer, dryRun: boolean) {
    const compound = await loadCompound(this.db, compoundId);
    if (!compound || !isCommunityStaffOf(actor, compound)) throw ApiException.notFound('compound');
    if (looksBinary(data)) throw ApiException.validation('file', 'not a CSV text file');
    const { text, encoding } = decodeCsv(data);
    const [header, ...records] = parseCsv(text);
    if (!header) throw ApiException.validation('file', 'the file is empty');
    const cells = header.cells.map((c) => c.trim());
    const index = Object.fromEntries(FIELDS.map((f) => [f, cells.indexOf(REGISTER_COLUMNS[f])])) as Record<Field, number>;
    const missing = FIELDS.filter((f) => index[f] < 0).map((f) => REGISTER_COLUMNS[f]);
    if (missing.length) throw ApiException.validation('file', `missing column(s) ${missing.join(', ')}`);
    if (records.length === 0) throw ApiException.validation('file', 'the file has a header but no rows');
    if (records.length > REGISTER_MAX_ROWS) throw ApiException.validation('file', `at most ${REGISTER_MAX_ROWS} rows per file`);

    const buildings: Array<{ id: number; name: string }> = await this.db.query(`SELECT id, name FROM org_units WHERE kind = 'building' AND parent_id = $1`, [compoundId]);
    const buildingIds = new Map(buildings.map((b) => [b.name, b.id]));
    const seen = new Set<string>();
    const rows: Array<{ result: RegisterRowResult; parsed?: Parsed }> = records.map((r) => {
      const cell = (f: Field) => (r.cells[index[f]] ?? '').trim();
      const result: RegisterRowResult = { line: r.line, building: cell('building'), unitNo: cell('unitNo'), status: 'valid' };
      try {
        const parsed = this.parseRow(cell, buildingIds);
        const key = `${parsed.buildingId}/${parsed.unitNo}`;
        if (seen.has(key)) throw new Refused('REPEATED_IN_FILE', 'unitNo', 'this unit appears earlier in the file');
        seen.add(key);
        return { result, parsed };
      } catch (error) {
        if (!(error instanceof Refused)) throw error;
        return { result: { ...result, status: 'refused', reason: { code: error.code, field: error.field, message: error.message } } };
      }
    });
    const refused = rows.filter((r) => r.result.status === 'refused').map((r) => r.result);
    if (!dryRun && refused.length > 0) {
      throw new ApiException(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', `file: ${refused.length} row(s) refused, nothing imported (line ${refused[0].line}: ${refused[0].reason?.message})`,
        refused.map((r) => ({ field: `line ${r.line} ${r.reason?.field}`, message: r.reason?.message })));
    }
    if (!dryRun) await this.write(compoundId, rows);
    const count = (s: RegisterRowResult['status']) => rows.filter((r) => r.result.status === s).length;
    return {
      dryRun, encoding: encoding as CsvEncoding, compound: { id: compound.id, name: compound.name },
      summary: { rows: rows.length, valid: count('valid'), created: count('created'), updated: count('updated'), unchanged: count('unchanged'), refused: refused.length },
      rows: rows.map((r) => r.result),
    };
  }

  private parseRow(cell: (f: Field) => string, buildingIds: Map<string, number>): Parsed {
    for (const f of ['building', 'unitNo', 'area', 'sold'] as const) if (!cell(f)) throw new Refused('REQUIRED', f, 'required');
    const buildingId = buildingIds.get(cell('building'));
    if (buildingId === undefined) throw new Refused('NOT_FOUND', 'building', `no building "${cell('building')}" in this compound`);
    const unitNo = cell('unitNo');
    if (unitNo.length > 32 || textProblem(unitNo)) throw new Refused('INVALID', 'unitNo', 'at most 32 characters of plain text');
    const centi = parseAreaCenti(cell('area'));
    if (centi === null) throw new Refused('INVALID', 'area', 'a number of m² with at most two decimals, e.g. 89.50');
    if (centi <= 0n) throw new Refused('INVALID', 'area', 'must be greater than 0');
    const sold = SOLD.get(cell('sold'));
    if (sold === undefined) throw new Refused('INVALID', 'sold', 'write 是 or 否');
    const name = cell('ownerName');
    const id = cell('idNumber').toUpperCase();
    if (!sold) {
      // The developer's unit: one head with all the others (SPC art. 9); naming an owner would contradict it.
      if (name || id) throw new Refused('INVALID', name ? 'ownerName' : 'idNumber', 'an unsold unit has no owner (leave empty)');
      return { buildingId, unitNo, area: cell('area'), sold, ownerName: null, ownerKey: null };
    }
    if (!name) throw new Refused('REQUIRED', 'ownerName', 'required for a sold unit');
    if (name.length > 100 || textProblem(name)) throw new Refused('INVALID', 'ownerName', 'at most 100 characters of plain text');
    if (!id) throw new Refused('REQUIRED', 'idNumber', 'required for a sold unit (stored only as a key)');
    if (!ID_NUMBER.test(id)) throw new Refused('INVALID', 'idNumber', 'not an ID number');
    return { buildingId, unitNo, area: cell('area'), sold, ownerName: name, ownerKey: ownerKey(id) };
  }

  private async write(compoundId: number, rows: Array<{ result: RegisterRowResult; parsed?: Parsed }>) {
    await this.db.transaction(async (em) => {
      for (const row of rows) {
        const p = row.parsed as Parsed;
        // RETURNING only when inserted or changed: an identical row is left untouched (idempotent re-import).
        const out: Array<{ inserted: boolean }> = await em.query(
          `INSERT INTO register_units (compound_id, building_id, unit_no, area_m2, sold, owner_name, owner_key)
           VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT (compound_id, building_id, unit_no) DO UPDATE
             SET area_m2 = EXCLUDED.area_m2, sold = EXCLUDED.sold, owner_name = EXCLUDED.owner_name, owner_key = EXCLUDED.owner_key, updated_at = now()
           WHERE (register_units.area_m2, register_units.sold, register_units.owner_name, register_units.owner_key)
                 IS DISTINCT FROM (EXCLUDED.area_m2, EXCLUDED.sold, EXCLUDED.owner_name, EXCLUDED.owner_key)
           RETURNING (xmax = 0) AS inserted`,
          [compoundId, p.buildingId, p.unitNo, p.area, p.sold, p.ownerName, p.ownerKey],
        );
        row.result.status = out.length === 0 ? 'unchanged' : out[0].inserted ? 'created' : 'updated';
      }
    });
  }
}
