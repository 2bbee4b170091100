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

const CACHE_MS = 30_000;

/** Policies and the working calendar, read from Postgres with a short cache (admins edit them). */
@Injectable()
export class SlaService {
  private calendar: { value: WorkingCalendar; expires: number } | null = null;

  constructor(private readonly db: DataSource) {}

  async policy(categoryId: number, priority: Priority, em: EntityManager = this.db.manager): Promise<PolicyRow> {
    const rows: PolicyRow[] = await em.query(
      `SELECT clock, dispatch_minutes, accept_minutes, resolve_minutes, survey_minutes, visit_minutes, warn_ratio,
              escalation_minutes, max_pause_minutes
         FROM sla_policies WHERE category_id = $1 AND priority = $2`,
      [categoryId, priority],
    );
    return rows[0] ?? FALLBACK_POLICY[priority];
  }

  async workingCalendar(): Promise<WorkingCalendar> {
    if (this.calendar && this.calendar.expires > Date.now()) return this.calendar.value;
    const rows: Array<{ data: WorkingCalendar }> = await this.db.query(`SELECT data FROM working_calendars WHERE code = 'default'`);
    const value = rows[0]?.data ?? DEFAULT_WORKING_CALENDAR;
    this.calendar = { value, expires: Date.now() + CACHE_MS };
    return value;
  }

  forgetCalendar(): void {
    this.calendar = null;
  }
}
