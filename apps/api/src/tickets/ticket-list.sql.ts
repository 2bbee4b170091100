import { CUSTOM_PLAN } from '../database/preparing.client';
import { ApiException } from '../common/api.exception';
import type { Actor } from '../access/actor';
import { visibleTicketsSql } from '../access/ticket-scope';
import type { ListTicketsQuery } from './dto/list-tickets.query';
import { TICKET_SELECT, type TicketRow } from './ticket-row';
import { pageLimitSql } from '../common/keyset-page.util';

/** At most this many words in a search; each must match. */
const MAX_TERMS = 5;
/** A ticket number (HG…), a 12345 case number or a part of one: letters and digits with 4+ digits. */
const NUMBER_LIKE = /^(?=(?:.*\d){4})[A-Za-z0-9-]+$/;
/** Letters, digits and dashes with at least one digit: a case number or a place (6号楼 is not: it has 号). */
const CODE_LIKE = /^(?=.*\d)[A-Za-z0-9-]+$/;

/**
 * The ORDER BY's sort key for `due`: the earliest open deadline at the millisecond a cursor can carry
 * exactly, `infinity` for none (last), stored on the ticket (migration 1795300004200) so that a
 * queue or an inbox tab by deadline is an index walk rather than a sort of the whole tab.
 */
const DUE_KEY = 't.due_key';

/** The sort key a cursor carries for `due`, as the row's `due_ms`. */
const DUE_MS_SQL = `CASE WHEN ${DUE_KEY} <> 'infinity' THEN floor(extract(epoch FROM ${DUE_KEY}) * 1000)::bigint END`;

/** TICKET_SELECT plus the exact sort key for `due` (a JS Date would round away the microseconds). */
export const LIST_SELECT = TICKET_SELECT.replace('SELECT t.*,', `SELECT t.*, ${DUE_MS_SQL} AS due_ms,`);
export type ListRow = TicketRow & { due_ms: string | null };

export type ListCursor = { sort: 'newest'; id: number } | { sort: 'due'; dueMs: number | null; id: number };

const escapeLike = (text: string) => text.replace(/[%_\\]/g, '\\$&');

/** The words of a search, at most MAX_TERMS; each must match. */
export function searchTerms(text: string): string[] {
  return text.trim().split(/\s+/).filter(Boolean).slice(0, MAX_TERMS);
}

/** Per search word: the compounds and buildings whose name contains it. */
export type PlaceMatches = Map<string, number[]>;

/**
 * Which compounds and buildings each word names, looked up before the list query: the list then
 * asks `t.compound_id = ANY(ids) OR t.building_id = ANY(ids)` (indexed, with statistics) instead of
 * `cp.name ILIKE … OR b.name ILIKE …` on the joined rows, which no index of tickets can answer and
 * which hid the description's own index from the planner. A city has thousands of compounds and
 * buildings: a word of 2+ characters is looked up by the bigrams of the names (migration
 * 1795300004300) with the ILIKE as recheck; a single character scans them (rarely asked).
 */
export async function matchPlaces(query: (sql: string, params: unknown[]) => Promise<Array<{ term: string; id: number }>>, text: string | undefined): Promise<PlaceMatches> {
  const matches: PlaceMatches = new Map();
  const words = text ? searchTerms(text).filter((t) => !NUMBER_LIKE.test(t)) : [];
  if (words.length === 0) return matches;
  const params: unknown[] = [];
  const param = (v: unknown) => (params.push(v), `$${params.length}`);
  const lookups = words.map((word) => {
    const term = param(word);
    const byName = [...word].length >= 2 ? ` AND rb_bigrams(u.name) @> rb_bigrams(${term})` : '';
    return `SELECT ${term}::text AS term, u.id FROM org_units u
             WHERE u.kind IN ('compound', 'building')${byName} AND u.name ILIKE ${param(`%${escapeLike(word)}%`)}`;
  });
  const rows = await query(`${lookups.join(' UNION ALL ')} ORDER BY id`, params);
  for (const r of rows) matches.set(r.term, [...(matches.get(r.term) ?? []), r.id]);
  return matches;
}

/** The index expression of idx_tickets_text_bigram (migration 1795300003900), spelled exactly so. */
const TEXT_BIGRAMS = `rb_bigrams(t.description || ' ' || coalesce(t.address, ''))`;

/**
 * The search words as SQL, each ANDed. A number-like word matches the ticket and 12345 case numbers
 * only; any other word the description, address, compound or building name. Compound and building
 * names come resolved to ids (matchPlaces), so every arm is a condition on tickets' own indexed
 * columns. Description and address: a word of 3+ characters has pg_trgm GIN indexes; a 2-character
 * word (井盖) the bigram GIN index (`@>`, with the ILIKE as exact recheck). The planner weighs both
 * against walking the list's own order within the caller's scope, which wins for a common word (a
 * page fills early); a rare word is an index lookup. A 1-character word has neither: it walks the
 * scope (bounded by the scope, and a single character is rarely rare).
 */
export function searchSql(text: string, param: (v: unknown) => string, places: PlaceMatches = new Map()): string[] {
  return searchTerms(text).map((term) => {
    const like = param(`%${escapeLike(term)}%`);
    const numbers = `t.no ILIKE ${like} OR t.hotline_case_no ILIKE ${like}`;
    if (NUMBER_LIKE.test(term)) return `(${numbers})`;
    const onTicket = `t.description ILIKE ${like} OR t.address ILIKE ${like}`;
    const arms = [[...term].length === 2 ? `(${TEXT_BIGRAMS} @> ARRAY[lower(${param(term)})] AND (${onTicket}))` : onTicket];
    const ids = places.get(term);
    if (ids?.length) {
      const list = param(ids);
      arms.push(`t.compound_id = ANY(${list}::int[]) OR t.building_id = ANY(${list}::int[])`);
    }
    const words = arms.join(' OR ');
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
  const order = `${DUE_KEY} ASC, t.id ASC`;
  if (!cursor || cursor.sort !== 'due') return { where: null, order };
  const due = cursor.dueMs === null ? `'infinity'::timestamptz` : `('epoch'::timestamptz + ${param(cursor.dueMs)}::bigint * interval '1 millisecond')`;
  // One row comparison: an index on (scope, status, due_key, id) starts the page right at the cursor.
  return { where: `(${DUE_KEY}, t.id) > (${due}, ${param(cursor.id)})`, order };
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

/**
 * A keyword search newest first looks at the newest tickets first: ids from `top - window` up, then
 * an eight times wider window, then all (searchFloors). A rare word (燃气) over a district matches
 * thousands of tickets in a city of millions; fetching every match to sort them grew with the city
 * (70–107 ms alone at 5 M, 4 ms at 10 k), while the newest 20,000 tickets (about four days of a 5 M
 * city) already hold a page of it: PostgreSQL ANDs the word's index with the primary key's range and
 * fetches only the matches inside (`pnpm bench reads`, docs/benchmarks.md). Each window is exact:
 * every match above its floor is in it, so a window that fills the page (plus the one row telling a
 * next page exists) is the answer, and one that does not is widened, the last time without a floor.
 * A common word is a walk of the list's order either way; the floor only ends the walk early.
 */
export const SEARCH_WINDOWS = [20_000, 160_000, 1_280_000] as const;

/** The newest ticket's id (0 when there is none): the `top` the search windows count down from. */
export async function newestTicketId(query: (sql: string) => Promise<Array<{ top: number | string }>>): Promise<number> {
  return Number((await query('SELECT coalesce(max(id), 0) AS top FROM tickets'))[0].top);
}

/** The id floors to try for a keyword search newest first below `top`; null: no floor (the last try). */
export function searchFloors(top: number): Array<number | null> {
  return [...SEARCH_WINDOWS.map((w) => top - w).filter((floor) => floor > 0), null];
}

/**
 * The list query (queue, inbox, 我的工单) as SQL: the caller's scope, filters, search (with the
 * places its words name, from matchPlaces), keyset, and for a windowed search its id floor. One
 * more row than the page is asked for, to tell whether a next page exists. (The bench EXPLAINs it.)
 *
 * `idsOnly` (every keyword search): the query answers the page's ids and sort keys only, and
 * listRowsByIdSql reads their rows. A search is planned for its words every time, and planning
 * TICKET_SELECT's eleven name and deadline lookups cost more than the search itself (at 10,000
 * tickets, 井盖 over a district: 0.87 ms to plan and 1.5 ms to run, against 0.33 and 0.71 for the
 * ids); the rows by id are a prepared statement planned once.
 */
export function listTicketsSql(
  actor: Actor,
  q: ListTicketsQuery,
  places: PlaceMatches = new Map(),
  idFloor: number | null = null,
): { sql: string; params: unknown[]; limit: number; sort: 'newest' | 'due'; order: string; idsOnly: boolean } {
  const params: unknown[] = [];
  const param = (v: unknown) => (params.push(v), `$${params.length}`);
  const where = [visibleTicketsSql(actor, 't', params)];
  // One status (an inbox tab, the 待派单 queue) as plain equality: with `= ANY(array)` PostgreSQL 15
  // will not read an index on (scope, status, id) in id order, and sorts the whole tab instead.
  if (q.status?.length === 1) where.push(`t.status = ${param(q.status[0])}::ticket_status`);
  else if (q.status?.length) where.push(`t.status = ANY(${param(q.status)}::ticket_status[])`);
  if (q.categoryId) where.push(`t.category_id = ${param(q.categoryId)}`);
  if (q.channel) where.push(`t.channel = ${param(q.channel)}::channel`);
  if (q.compoundId) where.push(`t.compound_id = ${param(q.compoundId)}`);
  if (q.buildingId) where.push(`t.building_id = ${param(q.buildingId)}`);
  if (q.communityId) where.push(`t.community_id = ${param(q.communityId)}`);
  if (q.handlerOrgId) where.push(`t.handler_org_id = ${param(q.handlerOrgId)}`);
  if (q.text) where.push(...searchSql(q.text, param, places));
  where.push(...reportedBetweenSql(q, param));
  if (q.overdue === 'true') {
    where.push(`EXISTS (SELECT 1 FROM ticket_deadlines d WHERE d.ticket_id = t.id AND d.status = 'open' AND d.breached_at IS NOT NULL AND d.leg <> 'survey')`);
  }
  const sort = q.sort ?? 'newest';
  const keyset = keysetSql(q.cursor ? parseCursor(q.cursor, sort) : null, sort, param);
  if (keyset.where) where.push(keyset.where);
  if (idFloor !== null) where.push(`t.id >= ${param(idFloor)}`);
  const limit = q.limit ?? 20;
  // The page size goes into the text (pageLimitSql). A keyword search is planned for its words every
  // time: a rare word wants the text index, a common one the walk (PreparingClient).
  const idsOnly = Boolean(q.text);
  const select = idsOnly ? `${CUSTOM_PLAN}SELECT t.id, ${DUE_MS_SQL} AS due_ms FROM tickets t` : LIST_SELECT;
  return { sql: `${select} WHERE ${where.join(' AND ')} ORDER BY ${keyset.order} ${pageLimitSql(limit)}`, params, limit, sort, order: keyset.order, idsOnly };
}

/**
 * The rows of a page whose ids an `idsOnly` list query found, in its order. The caller's scope is
 * asked again: a ticket that left it between the two statements (transferred, say) is not shown.
 */
export function listRowsByIdSql(actor: Actor, ids: number[], order: string): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const scope = visibleTicketsSql(actor, 't', params);
  params.push(ids);
  return { sql: `${LIST_SELECT} WHERE t.id = ANY($${params.length}::int[]) AND ${scope} ORDER BY ${order}`, params };
}
