import { DEFAULT_WORKING_CALENDAR, workingDaysDeadline, type WorkingCalendar } from '@red-butler/domain';
import type { EntityManager } from 'typeorm';

/** A demo 督导通知 of seeds/demo.json: the company, its compound and the issuing user, by code. */
export interface SeedNotice {
  company: string;
  compound: string;
  /** username of the issuing street staff or supervisor */
  issuer: string;
  problem: string;
  expected: string;
  workingDays: number;
}

/**
 * Demo notices, issued as of the seed run. A notice has no code: one with the same company,
 * issuer and problem counts as already seeded, so a re-seed adds nothing.
 */
export async function seedNotices(em: EntityManager, notices: SeedNotice[] = [], now = new Date()): Promise<void> {
  if (notices.length === 0) return;
  const [cal]: Array<{ data: WorkingCalendar }> = await em.query(`SELECT data FROM working_calendars WHERE code = 'default'`);
  for (const s of notices) {
    const [ctx]: Array<{ org: number; compound: number; street: number; district: number; issuer: number; unit: number }> = await em.query(
      `SELECT o.id AS org, c.id AS compound, c.street_id AS street, c.district_id AS district, u.id AS issuer, b.org_unit_id AS unit
         FROM organizations o, org_units c, users u JOIN role_bindings b ON b.user_id = u.id AND b.role IN ('street_staff', 'supervisor')
        WHERE o.code = $1 AND c.code = $2 AND u.username = $3`,
      [s.company, s.compound, s.issuer],
    );
    if (!ctx) throw new Error(`seed notice: unknown company ${s.company}, compound ${s.compound} or issuer ${s.issuer}`);
    const seeded: unknown[] = await em.query(`SELECT 1 FROM supervision_notices WHERE organization_id = $1 AND issued_by = $2 AND problem = $3`, [ctx.org, ctx.issuer, s.problem]);
    if (seeded.length) continue;
    const dueAt = workingDaysDeadline(cal?.data ?? DEFAULT_WORKING_CALENDAR, now, s.workingDays);
    const [{ id }]: Array<{ id: number }> = await em.query(
      `INSERT INTO supervision_notices (organization_id, compound_ids, street_ids, district_id, issuer_unit_id, issued_by, problem, expected, working_days, issued_at, due_at, next_event, next_event_at)
       VALUES ($1, ARRAY[$2::int], ARRAY[$3::int], $4, $5, $6, $7, $8, $9, $10, $11, 'overdue', $11) RETURNING id`,
      [ctx.org, ctx.compound, ctx.street, ctx.district, ctx.unit, ctx.issuer, s.problem, s.expected, s.workingDays, now, dueAt],
    );
    await em.query(
      `INSERT INTO company_trail (organization_id, compound_ids, kind, notice_id, summary, detail, actor_id) VALUES ($1, ARRAY[$2::int], 'notice_issued', $3, $4, $5, $6)`,
      [ctx.org, ctx.compound, id, `下发督导通知，限期${s.workingDays}个工作日整改：${s.problem}`, { dueAt, expected: s.expected, seeded: true }, ctx.issuer],
    );
  }
}
