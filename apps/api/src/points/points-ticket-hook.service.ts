import { Injectable } from '@nestjs/common';
import { isSelfReportChannel, type TicketAction, type TicketStatus } from '@red-butler/domain';
import type { EntityManager } from 'typeorm';
import type { TicketRow } from '../tickets/ticket-row';
import { PointsClock } from './points-clock.service';
import { PointsLedger } from './points-ledger.service';

/** Steps by which staff accept a report as a real problem: 派单/吹哨 to a handler, or its acceptance. */
const CONFIRMING: readonly TicketAction[] = ['dispatch', 'escalate', 'accept'];
/** Steps that say the report was not (or is no longer) its own valid case. */
const DISQUALIFYING: readonly TicketAction[] = ['merge', 'reject', 'cancel'];

/**
 * Points for reports and 回访 answers, written inside the ticket step's own transaction, so a
 * step and its points commit or fail together. Only a resident's own report (mini_program or h5 channel)
 * earns: for a hotline or walk-in case the reporter on record is staff.
 */
@Injectable()
export class PointsTicketHook {
  constructor(
    private readonly ledger: PointsLedger,
    private readonly clock: PointsClock,
  ) {}

  async onStep(em: EntityManager, s: { ticket: TicketRow; action: TicketAction; to: TicketStatus; reached?: boolean }): Promise<void> {
    const t = s.ticket;
    if (!isSelfReportChannel(t.channel)) return;
    const now = this.clock.now();
    if (CONFIRMING.includes(s.action)) {
      // Keyed by the ticket: a report earns once, however many times it is dispatched or accepted.
      await this.ledger.earn(em, { userId: t.reporter_id, communityId: t.community_id, rule: 'report_confirmed', units: 1, sourceKind: 'report', sourceId: t.id, reason: `报事 ${t.no} 经社区确认受理`, now });
    } else if (DISQUALIFYING.includes(s.action)) {
      await this.ledger.reverse(em, t.reporter_id, 'earn', 'report', t.id, `报事 ${t.no} 被${s.action === 'merge' ? '合并' : s.action === 'reject' ? '驳回' : '撤销'}，收回积分`, now);
    } else if (s.action === 'rate' || (s.action === 'visit' && s.reached)) {
      // One 回访 earning per ticket, whatever the rating: a 不满意 that reopens the ticket and a
      // second answer after the next 办结 earn nothing more, so no rating is worth more than another.
      await this.ledger.earn(em, { userId: t.reporter_id, communityId: t.community_id, rule: 'survey_answered', units: 1, sourceKind: 'survey', sourceId: t.id, reason: `参与工单 ${t.no} 回访`, now });
    }
  }
}
