import { Controller, Get } from '@nestjs/common';
import { ApiDoc, READ_ERRORS } from '../common/openapi/api-doc.decorator';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { maskPhone } from '@red-butler/domain';
import { DataSource } from 'typeorm';
import type { Actor } from '../access/actor';
import { CurrentActor } from '../common/current-actor.decorator';

/** 电话回访 tasks: for the community staff and grid workers of the ticket's community. */
@ApiTags('visits')
@ApiBearerAuth()
@Controller('visits')
export class VisitsController {
  constructor(private readonly db: DataSource) {}

  @Get()
  @ApiOperation({ summary: 'Open phone return-visit tasks in the caller’s community or grid, soonest due first' })
  @ApiDoc('VisitTasks', READ_ERRORS)
  async list(@CurrentActor() actor: Actor) {
    const communities = actor.bindings.filter((b) => b.orgUnitKind === 'community' && (b.role === 'community_staff' || b.role === 'grid_worker')).map((b) => b.orgUnitId);
    const grids = actor.bindings.filter((b) => b.orgUnitKind === 'grid' && b.role === 'grid_worker').map((b) => b.orgUnitId);
    const rows: Array<{ id: number; ticket_id: number; no: string; due_at: Date; attempts: number; reporter_name: string; reporter_phone: string | null; category_name: string; compound_name: string; resolved_at: Date }> =
      await this.db.query(
        `SELECT v.id, v.ticket_id, t.no, v.due_at, v.attempts, 
                -- Whom to call: on a case staff entered for a resident (12345, walk-in, Open311) the
                -- reporter on record is the staff member or gateway; the caller is the resident.
                CASE WHEN t.channel IN ('mini_program', 'h5') THEN r.display_name ELSE COALESCE(t.caller_name, '来电居民') END AS reporter_name,
                t.reporter_phone,
                c.name AS category_name, cp.name AS compound_name, t.resolved_at
           FROM visit_tasks v JOIN tickets t ON t.id = v.ticket_id JOIN users r ON r.id = t.reporter_id
           JOIN categories c ON c.id = t.category_id JOIN org_units cp ON cp.id = t.compound_id
          WHERE v.status = 'open' AND (v.community_id = ANY($1::int[]) OR t.grid_id = ANY($2::int[]))
          ORDER BY v.due_at LIMIT 200`,
        [communities, grids],
      );
    // The callers need the number to call: these roles are within the need-to-know of the ticket.
    return {
      items: rows.map((r) => ({
        id: r.id,
        ticketId: r.ticket_id,
        no: r.no,
        dueAt: r.due_at,
        attempts: r.attempts,
        category: r.category_name,
        compound: r.compound_name,
        resolvedAt: r.resolved_at,
        reporter: { displayName: r.reporter_name, phone: r.reporter_phone ?? maskPhone(null) },
      })),
    };
  }
}
