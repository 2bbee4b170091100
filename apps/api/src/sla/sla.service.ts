import { Injectable } from '@nestjs/common';
import { DEFAULT_WORKING_CALENDAR, type Priority, type SlaClock, type WorkingCalendar } from '@red-butler/domain';
import { DataSource, type EntityManager } from 'typeorm';

export interface PolicyRow {
  clock: SlaClock;
  dispatch_minutes: number;
  accept_minutes: number;
  resolve_minutes: number;
  survey_minutes: number;
  visit_minutes: number;
  warn_ratio: number;
  escalation_minutes: number;
  max_pause_minutes: number;
}

/** Used when a category has no policy for a priority: a ticket must never be without a clock. */
export const FALLBACK_POLICY: Record<Priority, PolicyRow> = {
  emergency: { clock: 'clock', dispatch_minutes: 15, accept_minutes: 30, resolve_minutes: 120, survey_minutes: 72 * 60, visit_minutes: 7 * 24 * 60, warn_ratio: 0.8, escalation_minutes: 30, max_pause_minutes: 24 * 60 },
  urgent: { clock: 'working', dispatch_minutes: 60, accept_minutes: 120, resolve_minutes: 8 * 60, survey_minutes: 72 * 60, visit_minutes: 7 * 24 * 60, warn_ratio: 0.8, escalation_minutes: 120, max_pause_minutes: 3 * 24 * 60 },
  normal: { clock: 'working', dispatch_minutes: 4 * 60, accept_minutes: 8 * 60, resolve_minutes: 3 * 8 * 60, survey_minutes: 72 * 60, visit_minutes: 7 * 24 * 60, warn_ratio: 0.8, escalation_minutes: 8 * 60, max_pause_minutes: 5 * 24 * 60 },
};

/** A safety net only: the version check below is what makes a change visible at once. */
const CACHE_MS = 5 * 60_000;

interface Snapshot {
  policies: Map<string, PolicyRow>;
  calendar: WorkingCalendar;
  version: string;
  expires: number;
}

/**
 * Policies and the working calendar, kept in memory. Before each use the cache compares one
 * integer, config_versions('sla'), which a trigger bumps in the same transaction as any change to
 * either table: a change applies to the next leg started in any process (API or worker) the moment
 * it commits. The database is the only source of truth (Redis may be wiped at any time).
 *
 * The reads run on the caller's own connection (`em`): these are read from inside ticket
 * transactions, and borrowing a second pool connection there deadlocked the pool under load
 * (every connection inside a transaction, each waiting for one more). A transaction checks the
 * version once (a leg reads the policy and the calendar, often several legs per step).
 */
@Injectable()
export class SlaService {
  private snapshot: Snapshot | null = null;
  private readonly checked = new WeakMap<EntityManager, string>();

  constructor(private readonly db: DataSource) {}

  async policy(categoryId: number, priority: Priority, em: EntityManager = this.db.manager): Promise<PolicyRow> {
    const snap = await this.current(em);
    return snap.policies.get(`${categoryId}:${priority}`) ?? FALLBACK_POLICY[priority];
  }

  async workingCalendar(em: EntityManager = this.db.manager): Promise<WorkingCalendar> {
    return (await this.current(em)).calendar;
  }

  /** After this process's own change: re-read at once without waiting for the version check. */
  invalidate(): void {
    this.snapshot = null;
  }

  private async current(em: EntityManager): Promise<Snapshot> {
    const version = await this.version(em);
    if (this.snapshot && this.snapshot.version === version && this.snapshot.expires > Date.now()) return this.snapshot;
    const [rows, calendars]: [Array<PolicyRow & { category_id: number; priority: Priority }>, Array<{ data: WorkingCalendar }>] = [
      await em.query(
        `SELECT category_id, priority, clock, dispatch_minutes, accept_minutes, resolve_minutes, survey_minutes, visit_minutes,
                warn_ratio, escalation_minutes, max_pause_minutes FROM sla_policies`,
      ),
      await em.query(`SELECT data FROM working_calendars WHERE code = 'default'`),
    ];
    const policies = new Map(rows.map((r) => [`${r.category_id}:${r.priority}`, r]));
    this.snapshot = { policies, calendar: calendars[0]?.data ?? DEFAULT_WORKING_CALENDAR, version, expires: Date.now() + CACHE_MS };
    return this.snapshot;
  }

  private async version(em: EntityManager): Promise<string> {
    // Only a transaction's manager is reused for several reads; the shared manager must check each time.
    const inTransaction = em.queryRunner?.isTransactionActive === true;
    const seen = inTransaction ? this.checked.get(em) : undefined;
    if (seen !== undefined) return seen;
    const rows: Array<{ version: string }> = await em.query(`SELECT version FROM config_versions WHERE name = 'sla'`);
    const version = rows[0]?.version ?? '0';
    if (inTransaction) this.checked.set(em, version);
    return version;
  }
}
