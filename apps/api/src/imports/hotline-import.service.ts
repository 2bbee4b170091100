import { HttpStatus, Injectable } from '@nestjs/common';
import { roleMayUseChannel, type Role } from '@red-butler/domain';
import { DataSource } from 'typeorm';
import type { Actor, Binding } from '../access/actor';
import { rolesInScope, type TicketScopeFacts } from '../access/ticket-scope';
import { ApiException } from '../common/api.exception';
import { textProblem } from '../common/clean-text.validator';
import type { CompoundRef } from '../org/reference-cache.service';
import { HOTLINE_CASE_NO, PHONE } from '../tickets/dto/create-ticket.dto';
import { unitBindingCovers } from '../access/ticket-scope';
import { CLOCK_SKEW_MS, TicketIntakeService, type NewTicket } from '../tickets/ticket-intake.service';
import { decodeCsv, looksBinary, type CsvEncoding } from './csv-decode.util';
import { parseCsv } from './csv-parse.util';
import { buildingKey, loadLookups, type Lookups } from './hotline-lookups';
import { HOTLINE_COLUMNS, mapHeader, normalizePhone, parseCallTime, readRow, type HotlineField, type HotlineRow } from './hotline-columns';

/** One export of a community's or street's 12345 cases is a few hundred rows; a whole district's month fits too. */
export const IMPORT_MAX_ROWS = 5000;

export const ROW_REASON_CODES = ['REQUIRED', 'INVALID', 'NOT_FOUND', 'AMBIGUOUS', 'OUT_OF_SCOPE', 'ALREADY_IMPORTED', 'REPEATED_IN_FILE'] as const;
export type RowReasonCode = (typeof ROW_REASON_CODES)[number];

export interface ImportRowResult {
  /** The line the row starts on in the file (the header is line 1). */
  line: number;
  hotlineCaseNo: string | null;
  status: 'created' | 'would_create' | 'skipped' | 'refused';
  ticket?: { id: number; no: string };
  reason?: { code: RowReasonCode; field: string | null; message: string };
}

export interface ImportResult {
  dryRun: boolean;
  encoding: CsvEncoding;
  summary: { rows: number; created: number; wouldCreate: number; skipped: number; refused: number };
  rows: ImportRowResult[];
}

interface Candidate { result: ImportRowResult; ticket: NewTicket }

class RowRefused extends Error {
  constructor(readonly code: RowReasonCode, readonly field: HotlineField | null, message: string) {
    super(message);
  }
}

const refuse = (code: RowReasonCode, field: HotlineField, message: string) => new RowRefused(code, field, `${HOTLINE_COLUMNS[field].header}: ${message}`);

/**
 * Bulk import of a 12345 export. Every row is checked first (nothing written); then, unless it is
 * a dry run, all the rows to create are written in one transaction — a failure half-way leaves no
 * ticket behind. The unique hotline case number makes a second import of the same file skip what
 * the first created, even when both run at once.
 */
@Injectable()
export class HotlineImportService {
  constructor(
    private readonly db: DataSource,
    private readonly intake: TicketIntakeService,
  ) {}

  async import(actor: Actor, data: Buffer, dryRun: boolean): Promise<ImportResult> {
    // The roles that may enter hotline cases by hand may import them: community and street staff.
    const importers = actor.bindings.filter((b) => roleMayUseChannel(b.role, 'hotline_12345'));
    if (importers.length === 0) throw new ApiException(HttpStatus.FORBIDDEN, 'ROLE_NOT_ALLOWED', 'only community and street staff import 12345 cases');
    if (looksBinary(data)) throw ApiException.validation('file', 'not a CSV text file (save the 12345 export as CSV)');
    const { text, encoding } = decodeCsv(data);
    const [header, ...records] = parseCsv(text);
    if (!header) throw ApiException.validation('file', 'the file is empty');
    const { index, missing } = mapHeader(header.cells);
    if (missing.length > 0) {
      throw new ApiException(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', `file: missing column(s) ${missing.join(', ')}`,
        missing.map((column) => ({ field: column, message: 'required column missing from the header' })));
    }
    if (records.length === 0) throw ApiException.validation('file', 'the file has a header but no rows');
    if (records.length > IMPORT_MAX_ROWS) throw ApiException.validation('file', `at most ${IMPORT_MAX_ROWS} rows per file`);

    const rows = records.map((r) => ({ line: r.line, row: readRow(r.cells, index) }));
    const lookups = await loadLookups(this.db, rows.map((r) => r.row));
    const now = new Date();
    const results: ImportRowResult[] = [];
    const candidates: Candidate[] = [];
    const firstLine = new Map<string, number>();
    for (const { line, row } of rows) {
      const result: ImportRowResult = { line, hotlineCaseNo: row.caseNo || null, status: 'refused' };
      results.push(result);
      try {
        const ticket = this.check(row, actor, importers, lookups, now);
        const earlier = firstLine.get(ticket.hotlineCaseNo as string);
        if (earlier !== undefined) {
          Object.assign(result, { status: 'skipped', reason: { code: 'REPEATED_IN_FILE', field: '工单编号', message: `工单编号: same case as line ${earlier}` } });
          continue;
        }
        firstLine.set(ticket.hotlineCaseNo as string, line);
        candidates.push({ result, ticket });
      } catch (error) {
        if (!(error instanceof RowRefused)) throw error;
        result.reason = { code: error.code, field: error.field && HOTLINE_COLUMNS[error.field].header, message: error.message };
      }
    }

    const fresh = await this.withoutImported(actor, candidates);
    if (dryRun) {
      for (const c of fresh) c.result.status = 'would_create';
    } else if (fresh.length > 0) {
      await this.db.transaction(async (em) => {
        for (const c of fresh) {
          const created = await this.intake.insert(em, c.ticket, now);
          // Taken since the check above: another import of the same case committed first.
          if (!created) this.markImported(c.result, null);
          else Object.assign(c.result, { status: 'created', ticket: { id: created.id, no: created.no } });
        }
      });
    }
    const count = (s: ImportRowResult['status']) => results.filter((r) => r.status === s).length;
    return {
      dryRun,
      encoding,
      summary: { rows: results.length, created: count('created'), wouldCreate: count('would_create'), skipped: count('skipped'), refused: count('refused') },
      rows: results,
    };
  }

  /** One row → the ticket it would become, or the first reason it cannot, in column order. */
  private check(row: HotlineRow, actor: Actor, importers: Binding[], l: Lookups, now: Date): NewTicket {
    if (!row.caseNo) throw refuse('REQUIRED', 'caseNo', 'required');
    if (!HOTLINE_CASE_NO.test(row.caseNo)) throw refuse('INVALID', 'caseNo', '4–40 letters, digits, - or _');
    if (!row.calledAt) throw refuse('REQUIRED', 'calledAt', 'required');
    const calledAt = parseCallTime(row.calledAt);
    if (!calledAt) throw refuse('INVALID', 'calledAt', 'not a date and time like 2026-11-25 09:30');
    if (calledAt.getTime() > now.getTime() + CLOCK_SKEW_MS) throw refuse('INVALID', 'calledAt', 'in the future');
    if (row.callerName.length > 50) throw refuse('INVALID', 'callerName', 'longer than 50 characters');
    const phone = row.phone ? normalizePhone(row.phone) : null;
    if (phone && !PHONE.test(phone)) throw refuse('INVALID', 'phone', 'not a mobile (11 digits) or a landline with area code');
    if (!row.category) throw refuse('REQUIRED', 'category', 'required');
    const category = l.categories.get(row.category);
    if (!category || !category.active) throw refuse('NOT_FOUND', 'category', `no category named ${row.category}`);
    const { compound, role } = this.place(row, importers, l);
    const buildingId = row.building ? l.buildings.get(`${compound.id}/${buildingKey(row.building)}`) : null;
    if (buildingId === undefined) throw refuse('NOT_FOUND', 'building', `no building ${row.building} in ${row.compound}`);
    if (row.address.length > 200) throw refuse('INVALID', 'address', 'longer than 200 characters');
    if (!row.description) throw refuse('REQUIRED', 'description', 'required');
    if (row.description.length < 2 || row.description.length > 1000) throw refuse('INVALID', 'description', '2–1000 characters');
    // The same rule as text typed in the app: an export's cell with a BEL or an ANSI escape is refused.
    for (const [field, value, multiline] of [['callerName', row.callerName, false], ['address', row.address, false], ['description', row.description, true]] as const) {
      const problem = value ? textProblem(value, { multiline, allowBlank: true }) : null;
      if (problem) throw refuse('INVALID', field, problem);
    }
    return {
      category, compound, role, channel: 'hotline_12345', reporterId: actor.userId, reporterPhone: phone,
      description: row.description, buildingId, lat: null, lng: null, address: row.address || null, photoIds: [],
      hotlineCaseNo: row.caseNo, calledAt, callerName: row.callerName || null, imported: true,
    };
  }

  /**
   * The compound by name (narrowed by 社区 when given). Names repeat across a district now and
   * then: when exactly one of the namesakes is inside the caller's area, that one is meant.
   */
  private place(row: HotlineRow, importers: Binding[], l: Lookups): { compound: CompoundRef; role: Role } {
    if (!row.compound) throw refuse('REQUIRED', 'compound', 'required');
    const named = (l.compounds.get(row.compound) ?? []).filter((c) => !row.community || c.community_name === row.community);
    if (named.length === 0) throw refuse('NOT_FOUND', 'compound', `no compound named ${row.compound}${row.community ? ` in ${row.community}` : ''}`);
    const refs = named.map((c) => ({ id: c.id, districtId: c.district_id, streetId: c.street_id, communityId: c.community_id, gridId: c.grid_id }));
    const mine = refs.flatMap((compound) => {
      const binding = importers.find((b) => unitBindingCovers(b, compound));
      return binding ? [{ compound, role: binding.role }] : [];
    });
    if (mine.length === 0) throw refuse('OUT_OF_SCOPE', 'compound', `${row.compound} is outside your area`);
    if (mine.length > 1) throw refuse('AMBIGUOUS', 'compound', `${mine.length} compounds named ${row.compound} in your area; add the 社区 column`);
    return mine[0];
  }

  /** Marks candidates whose case number is already on a ticket as skipped; returns the rest. */
  private async withoutImported(actor: Actor, candidates: Candidate[]): Promise<Candidate[]> {
    if (candidates.length === 0) return [];
    const existing: Array<TicketScopeFacts & { id: number; no: string; caseNo: string }> = await this.db.query(
      `SELECT id, no, hotline_case_no AS "caseNo", status, reporter_id AS "reporterId", district_id AS "districtId",
              street_id AS "streetId", community_id AS "communityId", grid_id AS "gridId", handler_kind AS "handlerKind",
              handler_org_id AS "handlerOrgId", assignee_id AS "assigneeId"
         FROM tickets WHERE hotline_case_no = ANY($1)`,
      [candidates.map((c) => c.ticket.hotlineCaseNo)],
    );
    const byCase = new Map(existing.map((t) => [t.caseNo, t]));
    return candidates.filter((c) => {
      const t = byCase.get(c.ticket.hotlineCaseNo as string);
      if (!t) return true;
      const visible = rolesInScope(actor, t).length > 0;
      // A ticket outside the caller's area is not named: ticket numbers elsewhere stay private.
      this.markImported(c.result, visible ? { id: t.id, no: t.no } : null);
      return false;
    });
  }

  private markImported(result: ImportRowResult, ticket: { id: number; no: string } | null): void {
    Object.assign(result, {
      status: 'skipped',
      ...(ticket ? { ticket } : {}),
      reason: { code: 'ALREADY_IMPORTED', field: '工单编号', message: '工单编号: this case is already on a ticket' },
    });
  }
}
