import { Injectable } from '@nestjs/common';
import { DEADLINE_LEG_LABELS, type DeadlineLeg, type DeadlineParty } from '@red-butler/domain';
import { DataSource } from 'typeorm';
import type { Actor } from '../access/actor';
import type { OverdueReportQuery } from './dto/overdue-report.query';
import { scopeSql } from './report-scope';
import { ReportScopeService } from './report-scope.service';
import { overdueSince } from './sla-report.sql';

interface OverdueRow {
  ticket_id: number;
  no: string;
  status: string;
  category: string;
  compound: string;
  community_id: number;
  community: string;
  leg: DeadlineLeg;
  party: DeadlineParty;
  party_org_id: number | null;
  party_name: string | null;
  started_at: Date;
  due_at: Date | null;
  overdue_since: Date;
  overdue_minutes: number;
  paused: boolean;
  escalation_level: number;
  total: string;
}

/**
 * 超期清单: the legs open past their deadline now, in the report's scope, the longest overdue
 * first. "Past deadline" is the report's own definition (overdue since, `sla-report.sql.ts`), so
 * a leg is listed as soon as its deadline passes, whether or not the engine has marked it yet.
 */
@Injectable()
export class OverdueReportService {
  constructor(
    private readonly db: DataSource,
    private readonly scopes: ReportScopeService,
  ) {}

  async list(actor: Actor, q: OverdueReportQuery) {
    const scope = await this.scopes.resolve(actor, q.scopeId);
    const params: unknown[] = [q.limit ?? 100];
    const since = overdueSince('d');
    const rows: OverdueRow[] = await this.db.query(
      `SELECT t.id AS ticket_id, t.no, t.status, c.name AS category, cp.name AS compound, t.community_id, cm.name AS community,
              d.leg, d.party, d.party_org_id, o.name AS party_name, d.started_at, d.due_at, ${since} AS overdue_since,
              floor(extract(epoch FROM now() - ${since}) / 60)::int AS overdue_minutes, d.paused_at IS NOT NULL AS paused,
              d.escalation_level, count(*) OVER () AS total
         FROM ticket_deadlines d
         JOIN tickets t ON t.id = d.ticket_id
         JOIN categories c ON c.id = t.category_id
         JOIN org_units cp ON cp.id = t.compound_id
         JOIN org_units cm ON cm.id = t.community_id
         LEFT JOIN organizations o ON o.id = d.party_org_id
        WHERE d.status = 'open' AND d.leg IN ('dispatch', 'accept', 'resolve') AND ${since} < now()
          AND ${scopeSql(scope, 't', 'ticket', params)}
        ORDER BY ${since}, d.id
        LIMIT $1`,
      params,
    );
    // 预警: warned legs not yet past due, the soonest due first — what the board shows right after 超期.
    const warnParams: unknown[] = [q.limit ?? 100];
    const warned: Array<OverdueRow & { due_in_minutes: number }> = await this.db.query(
      `SELECT t.id AS ticket_id, t.no, t.status, c.name AS category, cp.name AS compound, t.community_id, cm.name AS community,
              d.leg, d.party, d.party_org_id, o.name AS party_name, d.started_at, d.due_at, d.warned_at,
              ceil(extract(epoch FROM d.due_at - now()) / 60)::int AS due_in_minutes, d.paused_at IS NOT NULL AS paused,
              d.escalation_level, count(*) OVER () AS total
         FROM ticket_deadlines d
         JOIN tickets t ON t.id = d.ticket_id
         JOIN categories c ON c.id = t.category_id
         JOIN org_units cp ON cp.id = t.compound_id
         JOIN org_units cm ON cm.id = t.community_id
         LEFT JOIN organizations o ON o.id = d.party_org_id
        WHERE d.status = 'open' AND d.leg IN ('dispatch', 'accept', 'resolve') AND d.warned_at IS NOT NULL
          AND d.breached_at IS NULL AND d.due_at >= now()
          AND ${scopeSql(scope, 't', 'ticket', warnParams)}
        ORDER BY d.due_at, d.id
        LIMIT $1`,
      warnParams,
    );
    return {
      scope,
      warnedTotal: warned.length ? Number(warned[0].total) : 0,
      warned: warned.map((r) => ({
        ticketId: r.ticket_id,
        no: r.no,
        status: r.status,
        category: r.category,
        compound: r.compound,
        community: r.community,
        leg: r.leg,
        legLabel: DEADLINE_LEG_LABELS[r.leg],
        holder: this.holder(r),
        dueAt: r.due_at,
        dueInMinutes: r.due_in_minutes,
        paused: r.paused,
      })),
      total: rows.length ? Number(rows[0].total) : 0,
      items: rows.map((r) => ({
        ticketId: r.ticket_id,
        no: r.no,
        status: r.status,
        category: r.category,
        compound: r.compound,
        community: r.community,
        leg: r.leg,
        legLabel: DEADLINE_LEG_LABELS[r.leg],
        // The community owes dispatch; a company or department owes accept and resolve.
        holder: this.holder(r),
        startedAt: r.started_at,
        dueAt: r.due_at,
        overdueSince: r.overdue_since,
        overdueMinutes: r.overdue_minutes,
        paused: r.paused,
        escalationLevel: r.escalation_level,
      })),
    };
  }

  /** The community owes dispatch; a company or department owes accept and resolve. */
  private holder(r: Pick<OverdueRow, 'party' | 'party_org_id' | 'party_name' | 'community_id' | 'community'>) {
    return r.party_org_id === null ? { party: r.party, id: r.community_id, name: r.community } : { party: r.party, id: r.party_org_id, name: r.party_name };
  }
}
