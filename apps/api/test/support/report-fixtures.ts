import type { DeadlineLeg, DeadlineParty, HandlerKind, TicketAction, TicketStatus } from '@red-butler/domain';
import type { DataSource } from 'typeorm';

/**
 * Tickets written straight into the tables the reports read (tickets, ticket_events,
 * ticket_deadlines), with fixed past timestamps, so every figure can be worked out by hand.
 * Times are Shanghai wall times in 2026, written 'MM-DD HH:mm'.
 */
export const at = (local: string): Date => new Date(`2026-${local.replace(' ', 'T')}:00+08:00`);

export interface LegFixture {
  leg: DeadlineLeg;
  party: DeadlineParty;
  /** organization code of the company or department that owes the leg */
  org?: string;
  start: string;
  /** null: paused (the engine clears due_at while the clock is stopped) */
  due: string | null;
  status: 'open' | 'met' | 'cancelled';
  closed?: string;
  breached?: string;
  paused?: string;
}

export interface EventFixture {
  action: TicketAction;
  at: string;
  from: TicketStatus;
  to: TicketStatus;
  data?: Record<string, unknown>;
}

export interface TicketFixture {
  /** short name used in the test's comments, e.g. T3 */
  key: string;
  category: string;
  compound: string;
  status: TicketStatus;
  handler?: { kind: HandlerKind; org: string };
  /** intake channel (受理渠道); default the mini-program */
  channel?: string;
  created: string;
  reopenCount?: number;
  legs: LegFixture[];
  events: EventFixture[];
}

export async function insertTicketFixtures(db: DataSource, tag: string, fixtures: TicketFixture[]): Promise<Record<string, number>> {
  const orgs = new Map<string, number>(
    (await db.query('SELECT code, id FROM organizations') as Array<{ code: string; id: number }>).map((r) => [r.code, r.id]),
  );
  const org = (code: string) => {
    const id = orgs.get(code);
    if (!id) throw new Error(`no organization ${code}`);
    return id;
  };
  const [{ id: actorId }]: Array<{ id: number }> = await db.query(`SELECT id FROM users WHERE username = 'admin'`);
  const ids: Record<string, number> = {};
  for (const f of fixtures) {
    const [ticket]: Array<{ id: number }> = await db.query(
      `INSERT INTO tickets (no, status, category_id, priority, channel, description, reporter_id, district_id, street_id,
                            community_id, grid_id, compound_id, handler_kind, handler_org_id, reopen_count, created_at, updated_at)
       SELECT $1, $2, c.id, c.default_priority, $11, $3, $4, cp.district_id, cp.street_id, cp.community_id, cp.grid_id, cp.id,
              $5, $6, $7, $8, $8
         FROM categories c, org_units cp WHERE c.code = $9 AND cp.code = $10 AND cp.kind = 'compound'
       RETURNING id`,
      [`RPT${tag}${f.key}`, f.status, `报表测试 ${f.key}`, actorId, f.handler?.kind ?? null, f.handler ? org(f.handler.org) : null,
       f.reopenCount ?? 0, at(f.created), f.category, f.compound, f.channel ?? 'mini_program'],
    );
    if (!ticket) throw new Error(`fixture ${f.key}: unknown category or compound`);
    ids[f.key] = ticket.id;
    for (const l of f.legs) {
      const allowed = l.due ? Math.round((at(l.due).getTime() - at(l.start).getTime()) / 60_000) : 60;
      await db.query(
        `INSERT INTO ticket_deadlines (ticket_id, leg, party, party_org_id, clock, allowed_minutes, warn_ratio, escalation_minutes,
                                       started_at, due_at, status, closed_at, breached_at, paused_at, remaining_minutes, created_at)
         VALUES ($1, $2, $3, $4, 'clock', $5, 0.8, 60, $6, $7, $8, $9, $10, $11, $12, $6)`,
        [ticket.id, l.leg, l.party, l.org ? org(l.org) : null, allowed, at(l.start), l.due ? at(l.due) : null, l.status,
         l.closed ? at(l.closed) : null, l.breached ? at(l.breached) : null, l.paused ? at(l.paused) : null, l.paused ? -60 : null],
      );
    }
    for (const e of f.events) {
      const data = { ...e.data };
      if (typeof data.handlerOrgId === 'string') data.handlerOrgId = org(data.handlerOrgId);
      await db.query(
        `INSERT INTO ticket_events (ticket_id, action, from_status, to_status, actor_id, actor_role, data, created_at)
         VALUES ($1, $2, $3, $4, $5, 'admin', $6, $7)`,
        [ticket.id, e.action, e.from, e.to, actorId, data, at(e.at)],
      );
    }
  }
  return ids;
}
