import { Controller, Get } from '@nestjs/common';
import { ApiDoc, READ_ERRORS } from '../common/openapi/api-doc.decorator';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DEADLINE_LEG_LABELS, type DeadlineLeg, type DeadlineParty, ladderFor } from '@red-butler/domain';
import { DataSource } from 'typeorm';
import type { Actor } from '../access/actor';
import { visibleTicketsSql } from '../access/ticket-scope';
import { CurrentActor } from '../common/current-actor.decorator';

/** 督办 board: every open leg past its deadline in the caller's scope, the longest overdue first. */
@ApiTags('tickets')
@ApiBearerAuth()
@Controller('overdue')
export class OverdueBoardController {
  constructor(private readonly db: DataSource) {}

  @Get()
  @ApiOperation({ summary: 'Open legs past their deadline in scope, oldest first, with who holds them and the 督办 level' })
  @ApiDoc('OverdueBoard', READ_ERRORS)
  async board(@CurrentActor() actor: Actor) {
    const params: unknown[] = [];
    const scope = visibleTicketsSql(actor, 't', params);
    const rows: Array<{
      ticket_id: number; no: string; status: string; category: string; compound: string; community: string;
      leg: DeadlineLeg; party: string; party_name: string | null; due_at: Date; overdue_minutes: number; escalation_level: number;
    }> = await this.db.query(
      `SELECT t.id AS ticket_id, t.no, t.status, c.name AS category, cp.name AS compound, cm.name AS community,
              d.leg, d.party, o.name AS party_name, d.due_at,
              floor(extract(epoch FROM now() - d.due_at) / 60)::int AS overdue_minutes, d.escalation_level
         FROM ticket_deadlines d
         JOIN tickets t ON t.id = d.ticket_id
         JOIN categories c ON c.id = t.category_id
         JOIN org_units cp ON cp.id = t.compound_id
         JOIN org_units cm ON cm.id = t.community_id
         LEFT JOIN organizations o ON o.id = d.party_org_id
        WHERE d.status = 'open' AND d.breached_at IS NOT NULL AND d.leg <> 'survey' AND ${scope}
        ORDER BY d.due_at LIMIT 500`,
      params,
    );
    return {
      items: rows.map((r) => ({
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
