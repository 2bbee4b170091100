import { ApiException } from '../common/api.exception';
import type { ListTicketsQuery } from './dto/list-tickets.query';
import { TICKET_SELECT, type TicketRow } from './ticket-row';

/** At most this many words in a search; each must match. */
const MAX_TERMS = 5;
/** A ticket number (HG…), a 12345 case number or a part of one: letters and digits with 4+ digits. */
const NUMBER_LIKE = /^(?=(?:.*\d){4})[A-Za-z0-9-]+$/;
/** Letters, digits and dashes with at least one digit: a case number or a place (6号楼 is not: it has 号). */
const CODE_LIKE = /^(?=.*\d)[A-Za-z0-9-]+$/;

/** The ORDER BY's sort key for `due`, at the millisecond that a cursor can carry exactly. */
const DUE_KEY = `date_trunc('milliseconds', dl.next_due_at)`;

/** TICKET_SELECT plus the exact sort key for `due` (a JS Date would round away the microseconds). */
export const LIST_SELECT = TICKET_SELECT.replace('SELECT t.*,', `SELECT t.*, floor(extract(epoch FROM ${DUE_KEY}) * 1000)::bigint AS due_ms,`);
export type ListRow = TicketRow & { due_ms: string | null };

export type ListCursor = { sort: 'newest'; id: number } | { sort: 'due'; dueMs: number | null; id: number };

const escapeLike = (text: string) => text.replace(/[%_\\]/g, '\\$&');

/**
 * The search words as SQL, each ANDed. A number-like word matches the ticket and 12345 case numbers
 * only; any other word the description, address, compound or building name. Description and address
 * carry pg_trgm GIN indexes: a word of 3+ characters is an index scan. A 1–2 character word (井盖)
 * has no trigram, so the planner walks the list's own order (id or deadline) within the caller's
 * scope and stops at the page's limit: a common short word fills a page early, a rare one costs a
 * scan of the scope — bounded by the scope, never the city.
 */
export function searchSql(text: string, param: (v: unknown) => string): string[] {
  const terms = text.trim().split(/\s+/).filter(Boolean).slice(0, MAX_TERMS);
  return terms.map((term) => {
    const like = param(`%${escapeLike(term)}%`);
    const numbers = `t.no ILIKE ${like} OR t.hotline_case_no ILIKE ${like}`;
    const words = `t.description ILIKE ${like} OR t.address ILIKE ${like} OR cp.name ILIKE ${like} OR b.name ILIKE ${like}`;
    if (NUMBER_LIKE.test(term)) return `(${numbers})`;
    // A code with fewer digits (a 12345 case number a hotline writes with letters, 6号楼) may be either.
    if (CODE_LIKE.test(term)) return `(${numbers} OR ${words})`;
    return `(${words})`;
  });
}

export function parseCursor(raw: string, sort: 'newest' | 'due'): ListCursor {
  const [kind, ...rest] = /^\d+$/.test(raw) ? ['n', raw] : raw.split('.');
  const wrongSort = (kind === 'd') !== (sort === 'due');
  if (wrongSort) throw ApiException.validation('cursor', 'the cursor belongs to another sort order; start again from the first page');
  if (kind === 'n') return { sort: 'newest', id: Number(rest[0]) };
  return { sort: 'due', dueMs: rest[0] === '-' ? null : Number(rest[0]), id: Number(rest[1]) };
}

/** The row after which the next page starts, written as the client sends it back. */
export function cursorOf(row: Pick<ListRow, 'id' | 'due_ms'>, sort: 'newest' | 'due'): string {
  return sort === 'newest' ? `n.${row.id}` : `d.${row.due_ms ?? '-'}.${row.id}`;
}

/**
 * Keyset condition and order: page n costs what page 1 costs (no OFFSET), and a ticket reported
 * while someone scrolls lands before their first page (newest first), never as a duplicate or gap.
 * By deadline the key is (due, id) with tickets without an open deadline last.
 */
export function keysetSql(cursor: ListCursor | null, sort: 'newest' | 'due', param: (v: unknown) => string): { where: string | null; order: string } {
  if (sort === 'newest') return { where: cursor ? `t.id < ${param(cursor.id)}` : null, order: 't.id DESC' };
  const order = `${DUE_KEY} ASC NULLS LAST, t.id ASC`;
  if (!cursor || cursor.sort !== 'due') return { where: null, order };
  const id = param(cursor.id);
  if (cursor.dueMs === null) return { where: `(${DUE_KEY} IS NULL AND t.id > ${id})`, order };
  const due = `('epoch'::timestamptz + ${param(cursor.dueMs)}::bigint * interval '1 millisecond')`;
  return { where: `(${DUE_KEY} > ${due} OR (${DUE_KEY} = ${due} AND t.id > ${id}) OR ${DUE_KEY} IS NULL)`, order };
}

/** Days of Asia/Shanghai: `from` 00:00 up to the end of `to`. */
export function reportedBetweenSql(q: Pick<ListTicketsQuery, 'from' | 'to'>, param: (v: unknown) => string): string[] {
  for (const field of ['from', 'to'] as const) {
    const day = q[field];
    if (day && new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) !== day) throw ApiException.validation(field, `${day} is not a calendar day`);
  }
  if (q.from && q.to && q.to < q.from) throw ApiException.validation('to', 'to must not be before from');
  const where: string[] = [];
  if (q.from) where.push(`t.created_at >= (${param(q.from)}::date)::timestamp AT TIME ZONE 'Asia/Shanghai'`);
  if (q.to) where.push(`t.created_at < (${param(q.to)}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'`);
  return where;
}
