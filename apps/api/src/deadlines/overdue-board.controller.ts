import { Controller, Get, Query } from '@nestjs/common';
import { ApiDoc, READ_ERRORS } from '../common/openapi/api-doc.decorator';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DEADLINE_LEG_LABELS, type DeadlineLeg, type DeadlineParty, ladderFor } from '@red-butler/domain';
import { DataSource } from 'typeorm';
import type { Actor } from '../access/actor';
import { visibleTicketsSql } from '../access/ticket-scope';
import { CurrentActor } from '../common/current-actor.decorator';
import { OVERDUE_PAGE_DEFAULT, OverdueBoardQuery } from './dto/overdue-board.query';
import { keysetPage, pageLimitSql } from '../common/keyset-page.util';

/** 督办 board: every open leg past its deadline in the caller's scope, the longest overdue first. */
@ApiTags('tickets')
@ApiBearerAuth()
@Controller('overdue')
export class OverdueBoardController {
  constructor(private readonly db: DataSource) {}

  @Get()
  @ApiOperation({
    summary: 'Open legs past their deadline in scope, oldest first, with who holds them and the 督办 level',
    description: 'Send `nextCursor` back as `cursor` for the next page; every page costs the same, however deep.',
  })
  @ApiDoc('OverdueBoard', READ_ERRORS)
  async board(@CurrentActor() actor: Actor, @Query() q: OverdueBoardQuery) {
    const { sql, params, limit } = overdueBoardSql(actor, q);
    const rows: Array<{
      ticket_id: number; no: string; status: string; category: string; compound: string; community: string;
      leg: DeadlineLeg; party: string; party_name: string | null; due_at: Date | null; due_us: string | null; leg_id: string;
      overdue_minutes: number | null; escalation_level: number;
    }> = await this.db.query(sql, params);
    const { page, nextCursor } = keysetPage(rows, limit, (last) => `${last.due_us ?? '-'}.${last.leg_id}`);
    return {
      nextCursor,
      items: page.map((r) => ({
        ticketId: r.ticket_id,
        no: r.no,
        status: r.status,
        category: r.category,
        compound: r.compound,
        community: r.community,
        leg: r.leg,
        legLabel: DEADLINE_LEG_LABELS[r.leg],
        party: r.party,
        // The community owes dispatch and visits; a company or department owes the rest.
        holder: r.party_name ?? r.community,
        dueAt: r.due_at,
        overdueMinutes: r.overdue_minutes,
        escalationLevel: r.escalation_level,
        // Each party has its own ladder: a department's level 2 is the district, a company's the community.
        escalatedTo: r.escalation_level > 0 ? (ladderFor(r.party as DeadlineParty)[r.escalation_level - 1] ?? null) : null,
      })),
    };
  }
}

/**
 * The board's query: open legs past due in the caller's scope, the longest overdue first (a paused
 * leg, whose clock has no due time while stopped, last), keyset-paged on (due_at, leg id) so page n
 * costs what page 1 costs: the partial index idx_ticket_deadlines_overdue_board holds exactly these
 * legs in this order. One more row than the page, to tell whether a next page exists. (The bench
 * EXPLAINs it.)
 */
export function overdueBoardSql(actor: Actor, q: OverdueBoardQuery = {}): { sql: string; params: unknown[]; limit: number } {
  const params: unknown[] = [];
  const param = (v: unknown) => (params.push(v), `$${params.length}`);
  const where = [`d.status = 'open' AND d.breached_at IS NOT NULL AND d.leg <> 'survey'`, visibleTicketsSql(actor, 't', params)];
  if (q.cursor) {
    const [due, id] = q.cursor.split('.');
    const after = param(id);
    if (due === '-') where.push(`(d.due_at IS NULL AND d.id > ${after}::bigint)`);
    else {
      const at = `('epoch'::timestamptz + ${param(due)}::bigint * interval '1 microsecond')`;
      where.push(`(d.due_at > ${at} OR (d.due_at = ${at} AND d.id > ${after}::bigint) OR d.due_at IS NULL)`);
    }
  }
  const limit = q.limit ?? OVERDUE_PAGE_DEFAULT;
  const sql = `SELECT t.id AS ticket_id, t.no, t.status, c.name AS category, cp.name AS compound, cm.name AS community,
              d.leg, d.party, o.name AS party_name, d.due_at, (extract(epoch FROM d.due_at) * 1000000)::bigint::text AS due_us, d.id::text AS leg_id,
              floor(extract(epoch FROM now() - d.due_at) / 60)::int AS overdue_minutes, d.escalation_level
         FROM ticket_deadlines d
         JOIN tickets t ON t.id = d.ticket_id
         JOIN categories c ON c.id = t.category_id
         JOIN org_units cp ON cp.id = t.compound_id
         JOIN org_units cm ON cm.id = t.community_id
         LEFT JOIN organizations o ON o.id = d.party_org_id
        WHERE ${where.join(' AND ')}
        ORDER BY d.due_at ASC NULLS LAST, d.id ASC ${pageLimitSql(limit)}`;
  return { sql, params, limit };
}
