import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../access/actor';
import { ApiException } from '../common/api.exception';
import { adminScope, requireDistrictWide } from './admin-scope';
import { ChangeLog } from './change-log';
import { importCompanyRow } from './company-rows';
import { importContractRow } from './contract-rows';
import { importDepartmentRow } from './department-rows';
import { headerKey, IMPORT_COLUMNS, KEY_COLUMNS, REQUIRED_COLUMNS, type DistrictImportKind } from './import-kinds';
import { RowRefused, type Cells, type ImportContext, type ImportRowResult } from './import-row';
import { importOrgRow, orgRowDepth } from './org-rows';
import { readSheet, type SheetRecord } from './sheet-read.util';

/** A district has a few thousand compounds and buildings; more rows than this is a wrong file. */
export const DISTRICT_IMPORT_MAX_ROWS = 20_000;

/** Thrown to roll a dry run back after it has run every row for real. */
class DryRunDone extends Error {}

type RowHandler = (ctx: ImportContext, cells: Cells<string>, line: number) => Promise<ImportRowResult>;

/**
 * The district's reference data from its spreadsheets. A dry run and a real run are the same code in
 * one transaction: every row is applied in file order (org rows parents first), so a row may name a
 * community created three lines above; the dry run then rolls back, the real run commits only a file
 * without a refused row. Hence the dry run's answers are exactly what the real run will do, and a
 * failing real run writes nothing. Imports of one district run one at a time (advisory lock).
 */
@Injectable()
export class DistrictImportService {
  constructor(private readonly db: DataSource) {}

  async import(actor: Actor, kind: DistrictImportKind, data: Buffer, dryRun: boolean) {
    const sheet = await readSheet(data);
    const [header, ...records] = sheet.records;
    if (!header) throw ApiException.validation('file', 'the file is empty');
    const index = this.columnIndex(kind, header);
    if (records.length === 0) throw ApiException.validation('file', 'the file has a header but no rows');
    if (records.length > DISTRICT_IMPORT_MAX_ROWS) throw ApiException.validation('file', `at most ${DISTRICT_IMPORT_MAX_ROWS} rows per file`);

    let results: ImportRowResult[] = [];
    try {
      await this.db.transaction(async (em) => {
        const scope = await adminScope(em, actor);
        if (kind === 'companies' || kind === 'departments') requireDistrictWide(scope);
        await em.query(`SELECT pg_advisory_xact_lock(hashtext('district-import'), $1)`, [scope.districtId]);
        const ctx: ImportContext = { em, districtId: scope.districtId, scope, log: new ChangeLog(em, actor.userId, 'import') };
        results = await this.runRows(ctx, kind, records, index);
        const refused = results.filter((r) => r.status === 'refused');
        if (dryRun) throw new DryRunDone();
        if (refused.length > 0) {
          const first = refused[0];
          throw new ApiException(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED',
            `file: ${refused.length} row(s) refused, nothing imported (line ${first.line} ${first.reason?.column}: ${first.reason?.message})`,
            refused.map((r) => ({ field: `line ${r.line} ${r.reason?.field}`, message: r.reason?.message, line: r.line, column: r.reason?.column })));
        }
      });
    } catch (error) {
      if (!(error instanceof DryRunDone)) throw error;
    }
    const count = (s: ImportRowResult['status']) => results.filter((r) => r.status === s).length;
    return {
      kind, dryRun, format: sheet.format, encoding: sheet.encoding,
      summary: { rows: results.length, created: count('created'), updated: count('updated'), unchanged: count('unchanged'), refused: count('refused') },
      rows: results,
    };
  }

  private columnIndex(kind: DistrictImportKind, header: SheetRecord): Map<string, number> {
    const columns = IMPORT_COLUMNS[kind] as Record<string, string>;
    const keys = header.cells.map(headerKey);
    const index = new Map<string, number>();
    for (const [field, title] of Object.entries(columns)) {
      const at = keys.indexOf(headerKey(title));
      if (at >= 0) index.set(field, at);
    }
    const missing = (REQUIRED_COLUMNS[kind] as string[]).filter((f) => !index.has(f)).map((f) => columns[f]);
    if (missing.length) throw ApiException.validation('file', `missing column(s) ${missing.join('、')} — is this the ${kind} template?`);
    return index;
  }

  private async runRows(ctx: ImportContext, kind: DistrictImportKind, records: SheetRecord[], index: Map<string, number>): Promise<ImportRowResult[]> {
    const columns = IMPORT_COLUMNS[kind] as Record<string, string>;
    const cellsOf = (r: SheetRecord): Cells<string> => (f) => (index.has(f) ? (r.cells[index.get(f) as number] ?? '').trim() : '');
    const seen = new Set<string>();
    const claimed = new Map<number, number>();
    const handlers: Record<DistrictImportKind, RowHandler> = {
      org: (c, cells, line) => importOrgRow(c, cells, line, seen),
      companies: (c, cells, line) => importCompanyRow(c, cells, line, seen),
      contracts: (c, cells, line) => importContractRow(c, cells, line, seen),
      departments: (c, cells, line) => importDepartmentRow(c, cells, line, seen, claimed),
    };
    // Parents before children: a file sorted by compound may list a community after its compounds.
    const ordered = kind === 'org' ? [...records].sort((a, b) => orgRowDepth(cellsOf(a)) - orgRowDepth(cellsOf(b)) || a.line - b.line) : records;
    const results: ImportRowResult[] = [];
    for (const r of ordered) {
      const cells = cellsOf(r);
      try {
        // A savepoint per row: a refused row's half-done writes go, the rows before it stay.
        results.push(await this.inSavepoint(ctx.em, () => handlers[kind](ctx, cells, r.line)));
      } catch (error) {
        if (!(error instanceof RowRefused)) throw error;
        const key = KEY_COLUMNS[kind].map((f) => cells(f)).filter(Boolean).join(' / ');
        results.push({ line: r.line, key, status: 'refused', changes: [], reason: { code: error.code, field: error.field, column: columns[error.field] ?? error.field, message: error.message } });
      }
    }
    return results.sort((a, b) => a.line - b.line);
  }

  private async inSavepoint<T>(em: EntityManager, work: () => Promise<T>): Promise<T> {
    await em.query('SAVEPOINT district_import_row');
    try {
      const out = await work();
      await em.query('RELEASE SAVEPOINT district_import_row');
      return out;
    } catch (error) {
      await em.query('ROLLBACK TO SAVEPOINT district_import_row');
      throw error;
    }
  }
}
