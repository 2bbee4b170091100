import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../access/actor';

export interface AuditRecord {
  actor: Actor | null;
  method: string;
  route: string;
  targetId: string | null;
  body: unknown;
  ip: string | null;
  status: number;
  errorCode: string | null;
  requestId: string | null;
}

/** Writes 操作日志 rows. A failed write is logged, never turned into a failed request. */
@Injectable()
export class AuditLog {
  private readonly logger = new Logger('AuditLog');

  constructor(private readonly db: DataSource) {}

  async record(r: AuditRecord): Promise<void> {
    try {
      // A street admin's own street counts too (it is kept out of `bindings`: see Actor.adminStreets).
      const unitIds = [...(r.actor?.bindings.flatMap((b) => (b.orgUnitId ? [b.orgUnitId] : [])) ?? []), ...(r.actor?.adminStreets ?? [])];
      await this.db.query(
        `INSERT INTO audit_entries (actor_id, actor_name, actor_street_ids, method, route, target_id, body, ip, status, error_code, request_id)
         VALUES ($1, $2, coalesce((SELECT array_agg(DISTINCT s) FROM (SELECT CASE WHEN kind = 'street' THEN id ELSE street_id END AS s
                                                                          FROM org_units WHERE id = ANY($3::int[])) x WHERE s IS NOT NULL), '{}'),
                 $4, $5, $6, $7, $8, $9, $10, $11)`,
        [r.actor?.userId ?? null, r.actor?.displayName ?? null, unitIds, r.method, r.route.slice(0, 200), r.targetId?.slice(0, 64) ?? null,
          r.body === null ? null : JSON.stringify(r.body), r.ip?.slice(0, 64) ?? null, r.status, r.errorCode?.slice(0, 64) ?? null, r.requestId],
      );
    } catch (error) {
      this.logger.error({ msg: 'audit entry not written', route: r.route, error: (error as Error).message });
    }
  }
}
