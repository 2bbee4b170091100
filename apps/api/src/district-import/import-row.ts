import type { EntityManager } from 'typeorm';
import type { AdminScope } from './admin-scope';
import type { ChangeLog } from './change-log';

export const IMPORT_ROW_CODES = ['REQUIRED', 'INVALID', 'NOT_FOUND', 'AMBIGUOUS', 'REPEATED_IN_FILE', 'OUT_OF_SCOPE', 'CONFLICT'] as const;
export type ImportRowCode = (typeof IMPORT_ROW_CODES)[number];
export const IMPORT_ROW_STATUSES = ['created', 'updated', 'unchanged', 'refused'] as const;

export interface FieldChange {
  field: string;
  from: string | null;
  to: string | null;
}

/** The answer for one row: what it did (or, in a dry run, would do), or why it was refused. */
export interface ImportRowResult {
  line: number;
  /** The row's natural key as the user reads it, e.g. "满城北街街道 / 中强巷社区 / 明园小区". */
  key: string;
  status: (typeof IMPORT_ROW_STATUSES)[number];
  changes: FieldChange[];
  reason?: { code: ImportRowCode; field: string; column: string; message: string };
}

/** A refusal of one row, naming the column (by its key) and why. */
export class RowRefused extends Error {
  constructor(
    readonly code: ImportRowCode,
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** What every row handler gets: the transaction, the district, the caller's reach and the history writer. */
export interface ImportContext {
  em: EntityManager;
  districtId: number;
  scope: AdminScope;
  log: ChangeLog;
}

export type Cells<F extends string> = (field: F) => string;
