import type { DataSource } from 'typeorm';
import { mulberry32 } from '../../src/common/seeded-random.util';

export { mulberry32 };

/**
 * Random ticket histories for the rollup tests, from a seeded PRNG (mulberry32) so a failure can be
 * replayed: tickets with their legs (on time, late, open past due, paused, whistled away), resolve,
 * rate / visit / expire events and reopens, all inside one year (`year`), written straight into
 * the tables the reports read. The triggers mark each one dirty, as the API's writes do.
 */

export interface World {
  compounds: number[];
  categories: number[];
  companies: number[];
  departments: number[];
  actorId: number;
}

export async function loadWorld(db: DataSource): Promise<World> {
  const ids = async (sql: string) => ((await db.query(sql)) as Array<{ id: number }>).map((r) => r.id);
  return {
    compounds: await ids(`SELECT id FROM org_units WHERE kind = 'compound' ORDER BY id`),
    categories: await ids('SELECT id FROM categories ORDER BY id'),
    companies: await ids(`SELECT id FROM organizations WHERE kind = 'property_company' ORDER BY id`),
    departments: await ids(`SELECT id FROM organizations WHERE kind = 'department' ORDER BY id`),
    actorId: (await ids(`SELECT id FROM users WHERE username = 'admin'`))[0],
  };
}

const MIN = 60_000;
const CHANNELS = ['mini_program', 'hotline_12345', 'walk_in', 'grid_patrol'];
const RATINGS = ['satisfied', 'basically_satisfied', 'dissatisfied'];

export class HistoryGenerator {
  private readonly pick = <T>(xs: readonly T[]): T => xs[Math.floor(this.rnd() * xs.length)];
  private readonly between = (a: number, b: number) => a + Math.floor(this.rnd() * (b - a));
  private readonly yearStart: number;
  private readonly yearEnd: number;

  constructor(
    private readonly db: DataSource,
    private readonly world: World,
    readonly rnd: () => number,
    year: number,
    private readonly tag: string,
  ) {
    this.yearStart = Date.parse(`${year}-01-01T00:00:00+08:00`);
    this.yearEnd = Date.parse(`${year}-12-20T00:00:00+08:00`);
  }

  /** An instant in [from, until) — a quarter of them on a Shanghai midnight, the edge of every bucket. */
  instant(from = this.yearStart, until = this.yearStart + 150 * 1440 * MIN): Date {
    const t = this.between(from, until);
    if (this.rnd() < 0.25) return new Date(t - ((t + 8 * 60 * MIN) % (1440 * MIN)));
    return new Date(t);
  }

  private later(t: Date, minMinutes: number, maxMinutes: number): Date {
    return new Date(Math.min(t.getTime() + this.between(minMinutes, maxMinutes) * MIN, this.yearEnd));
  }

  async ticket(n: number): Promise<number> {
    const w = this.world;
    const created = this.instant();
    const roll = this.rnd();
    const handler = roll < 0.65 ? this.pick(w.companies) : roll < 0.85 ? this.pick(w.departments) : null;
    const [{ id }]: Array<{ id: number }> = await this.db.query(
      `INSERT INTO tickets (no, status, category_id, priority, channel, description, reporter_id, district_id, street_id,
                            community_id, grid_id, compound_id, handler_kind, handler_org_id, created_at, updated_at)
       SELECT $1, 'accepted', $2, 'normal', $3, '随机历史', $4, cp.district_id, cp.street_id, cp.community_id, cp.grid_id, cp.id,
              $5, $6, $7, $7
         FROM org_units cp WHERE cp.id = $8
       RETURNING id`,
      [`RND${this.tag}${n}`, this.pick(w.categories), this.pick(CHANNELS), w.actorId,
       handler === null ? null : w.companies.includes(handler) ? 'company' : 'department', handler, created, this.pick(w.compounds)],
    );
    const dispatch = await this.leg(id, 'dispatch', 'community', null, created, handler === null ? 0.3 : 1);
    if (!handler || !dispatch) return id;
    const party = w.companies.includes(handler) ? 'company' : 'department';
    const accept = await this.leg(id, 'accept', party, handler, dispatch, 0.9);
    if (!accept) return id;
    let start = accept;
    for (let round = 0; round < 3; round += 1) {
      const outcome = this.rnd();
      if (outcome < 0.1) {
        // 吹哨: the late leg is taken away and a department takes over.
        const closed = this.later(start, 60, 6000);
        const due = this.later(start, 30, 60);
        await this.insertLeg(id, 'resolve', party, handler, start, due, 'cancelled', closed, due);
        const dept = this.pick(w.departments);
        await this.event(id, 'escalate', closed, { handlerKind: 'department', handlerOrgId: dept, whistle: true });
        await this.db.query('UPDATE tickets SET handler_kind = $2, handler_org_id = $3 WHERE id = $1', [id, 'department', dept]);
        return id;
      }
      const resolved = await this.leg(id, 'resolve', party, handler, start, 0.8);
      if (!resolved) return id;
      await this.event(id, 'resolve', resolved, { handlerOrgId: handler });
      const answered = this.later(resolved, 1, 5000);
      const survey = this.rnd();
      if (survey < 0.15) {
        await this.insertLeg(id, 'survey', 'resident', null, resolved, this.later(resolved, 4320, 4321), 'cancelled', answered, null);
        await this.event(id, 'expire', answered, { unrated: true });
        return id;
      }
      if (survey < 0.25) {
        await this.insertLeg(id, 'survey', 'resident', null, resolved, this.later(resolved, 4320, 4321), 'open', null, null);
        return id;
      }
      await this.insertLeg(id, 'survey', 'resident', null, resolved, this.later(resolved, 4320, 4321), 'met', answered, null);
      const rating = this.pick(RATINGS);
      await this.event(id, this.rnd() < 0.7 ? 'rate' : 'visit', answered, { rating, handlerOrgId: handler });
      if (rating !== 'dissatisfied') return id;
      start = answered;
    }
    return id;
  }

  /** A leg that is met (returns its close), or left open (late or not, sometimes paused): returns null. */
  private async leg(ticket: number, leg: string, party: string, org: number | null, start: Date, pMet: number): Promise<Date | null> {
    const due = this.later(start, 10, leg === 'resolve' ? 6000 : 240);
    if (this.rnd() < pMet) {
      const closed = this.later(start, 1, leg === 'resolve' ? 9000 : 400);
      const late = closed > due;
      await this.insertLeg(ticket, leg, party, org, start, due, 'met', closed, late && this.rnd() < 0.8 ? due : null);
      return closed;
    }
    const paused = this.rnd() < 0.2;
    await this.insertLeg(ticket, leg, party, org, start, paused ? null : due, 'open', null, this.rnd() < 0.7 ? due : null, paused ? due : null);
    return null;
  }

  async insertLeg(
    ticket: number, leg: string, party: string, org: number | null, start: Date, due: Date | null,
    status: string, closed: Date | null, breached: Date | null, paused: Date | null = null,
  ): Promise<void> {
    await this.db.query(
      `INSERT INTO ticket_deadlines (ticket_id, leg, party, party_org_id, clock, allowed_minutes, warn_ratio, escalation_minutes,
                                     started_at, due_at, status, closed_at, breached_at, paused_at, created_at)
       VALUES ($1, $2, $3, $4, 'clock', 60, 0.8, 60, $5, $6, $7, $8, $9, $10, $5)`,
      [ticket, leg, party, org, start, due, status, closed, breached, paused],
    );
  }

  async event(ticket: number, action: string, at: Date, data: Record<string, unknown>): Promise<void> {
    await this.db.query(
      `INSERT INTO ticket_events (ticket_id, action, from_status, to_status, actor_id, actor_role, data, created_at)
       VALUES ($1, $2, 'accepted', 'accepted', $3, 'admin', $4, $5)`,
      [ticket, action, this.world.actorId, data, at],
    );
  }
}
