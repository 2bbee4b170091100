import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../access/actor';
import { requireAdmin } from '../people/admin-reach';
import type { AuditQuery } from './audit.dto';
import { keysetPage } from '../common/keyset-page.util';

const PAGE = 50;
/** The most rows one export carries: six months of a district's admin work fits well within it. */
export const EXPORT_MAX_ROWS = 20_000;

interface EntryRow { id: string; at: Date; actor_id: number | null; actor_name: string | null; method: string; route: string; target_id: string | null; body: unknown; ip: string | null; status: number; error_code: string | null; request_id: string | null }

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Reading 操作日志: a district admin reads everything; a street admin reads the entries of actors
 * who were bound in their street when they acted (the street ids copied into the entry).
 */
@Injectable()
export class AuditQueryService {
  constructor(private readonly db: DataSource) {}

  async page(actor: Actor, q: AuditQuery) {
    // One row more than the page (as pageLimitSql asks): whether it came back says a next page exists.
    const { page, nextCursor } = keysetPage(await this.rows(actor, q, PAGE + 1), PAGE, (last) => Number(last.id));
    return { items: page.map(present), nextCursor };
  }

  async all(actor: Actor, q: AuditQuery) {
    return (await this.rows(actor, q, EXPORT_MAX_ROWS)).map(present);
  }

  private async rows(actor: Actor, q: AuditQuery, limit: number): Promise<EntryRow[]> {
    const reach = requireAdmin(actor, 'read the audit trail');
    const params: unknown[] = [];
    const p = (v: unknown) => `$${params.push(v)}`;
    const where: string[] = [];
    if (reach.kind === 'streets') where.push(`a.actor_street_ids && ${p(reach.streetIds)}::int[]`);
    if (q.actorId) where.push(`a.actor_id = ${p(q.actorId)}`);
    if (q.method) where.push(`a.method = ${p(q.method)}`);
    if (q.route) where.push(`a.route LIKE ${p(`%${escapeLike(q.route)}%`)}`);
    if (q.target) where.push(`a.target_id = ${p(q.target)}`);
    if (q.outcome) where.push(q.outcome === 'ok' ? 'a.status < 400' : 'a.status >= 400');
    if (q.from) where.push(`a.at >= (${p(q.from)}::date::timestamp AT TIME ZONE 'Asia/Shanghai')`);
    if (q.to) where.push(`a.at < ((${p(q.to)}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`);
    if (q.cursor) where.push(`a.id < ${p(q.cursor)}`);
    return this.db.query(
      `SELECT a.id, a.at, a.actor_id, a.actor_name, a.method, a.route, a.target_id, a.body, a.ip, a.status, a.error_code, a.request_id
         FROM audit_entries a ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY a.id DESC LIMIT ${limit}`,
      params,
    );
  }
}

function present(r: EntryRow) {
  return {
    id: Number(r.id), at: r.at, actor: r.actor_id === null ? null : { id: r.actor_id, displayName: r.actor_name },
    method: r.method, route: r.route, targetId: r.target_id, body: r.body, ip: r.ip, status: r.status, errorCode: r.error_code, requestId: r.request_id,
  };
}
