import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Entries are kept 190 days: six months and a margin, as the rules for 操作日志 ask. */
export const AUDIT_RETENTION_DAYS = 190;

/** The daily `audit.prune` job: deletes what is past retention. Running it twice deletes nothing more. */
@Injectable()
export class AuditPrune {
  constructor(private readonly db: DataSource) {}

  async prune(now: Date): Promise<{ removed: number }> {
    const cutoff = new Date(now.getTime() - AUDIT_RETENTION_DAYS * 86_400_000);
    const [row]: Array<{ n: number }> = await this.db.query(
      `WITH d AS (DELETE FROM audit_entries WHERE at < $1 RETURNING 1) SELECT count(*)::int AS n FROM d`,
      [cutoff],
    );
    return { removed: row.n };
  }
}
