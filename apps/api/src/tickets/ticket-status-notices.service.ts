import { Injectable } from '@nestjs/common';
import { TICKET_ACTION_LABELS, TICKET_STATUS_LABELS, type TicketAction, type TicketStatus } from '@red-butler/domain';
import type { EntityManager } from 'typeorm';
import { Notifier, type Audience } from '../notifications/notifier.service';
import type { TicketRow } from './ticket-row';

export interface StepFacts {
  ticket: TicketRow;
  action: TicketAction;
  to: TicketStatus;
  actorId: number;
  eventId: string;
  note: string | null;
  data: Record<string, unknown>;
}

const clip = (s: string | null | undefined, n = 80) => (s ? (s.length > n ? `${s.slice(0, n)}…` : s) : '');

/**
 * What happened, in the words a resident reads. `withNotes`: the staff's own words (the 办结 note, the
 * reason for 不予受理) are for the reporter; a follower (a neighbour) gets the step without them, since
 * staff write them for the reporter and they may name people, rooms or phone numbers.
 */
function sentence(f: StepFacts, withNotes: boolean): string {
  const name = typeof f.data.handlerName === 'string' ? f.data.handlerName : '';
  switch (f.action) {
    case 'dispatch':
      return `已派单至${name}`;
    case 'escalate':
      return `已吹哨至${name}`;
    case 'return':
      return '处理单位已退单，社区将重新派单';
    case 'accept':
      return '处理单位已接单，正在处理';
    case 'resolve':
      return withNotes ? `已办结：${clip(f.note)}` : '已办结';
    case 'cancel':
      return '报事人已撤销。如问题仍然存在，请重新报事';
    case 'reject':
      return withNotes ? `不予受理：${clip(f.note)}` : '不予受理，详情请咨询社区';
    case 'merge':
      return `已与工单 ${String(f.data.intoTicketNo ?? '')} 合并处理，后续进展将通知您`;
    default:
      return f.to === 'accepted' ? '评价为不满意，已重新办理' : `${TICKET_ACTION_LABELS[f.action]}，当前状态：${TICKET_STATUS_LABELS[f.to]}`;
  }
}

/**
 * Status notices to the people who wait on a ticket: its reporter and its followers (也遇到了, or
 * carried over by a merge), never the one who took the step. In the in-app 消息 always; as a WeChat
 * subscribe message (状态通知 template) only to those who accepted that template after reporting —
 * the Notifier checks the consent. Internal notes (progress notes) never notify. On 办结 the reporter
 * already gets that request, so only followers get the status notice. Followers get the step
 * without the staff's notes (see `sentence`).
 */
@Injectable()
export class TicketStatusNotices {
  constructor(private readonly notifier: Notifier) {}

  async onStep(em: EntityManager, f: StepFacts): Promise<number> {
    if (f.to === f.ticket.status) return 0; // progress notes, pauses: no news in the status
    const rows: Array<{ user_id: number }> = await em.query('SELECT user_id FROM ticket_followers WHERE ticket_id = $1', [f.ticket.id]);
    const followers = new Set(rows.map((r) => r.user_id));
    const reporter = f.action !== 'resolve' && f.ticket.reporter_id !== f.actorId ? [f.ticket.reporter_id] : [];
    followers.delete(f.actorId);
    followers.delete(f.ticket.reporter_id);
    let sent = 0;
    for (const [userIds, withNotes] of [[reporter, true], [[...followers], false]] as const) {
      if (userIds.length === 0) continue;
      sent += await this.notifier.notify(em, { kind: 'users', userIds: [...userIds] }, {
        ticketId: f.ticket.id,
        kind: 'ticket_status',
        title: `报事进展：${TICKET_STATUS_LABELS[f.to]}`,
        body: `工单 ${f.ticket.no}（${f.ticket.category_name}）${sentence(f, withNotes)}。`.slice(0, 500),
        dedupeKey: `ticket-status:${f.eventId}`,
        template: 'status',
      });
    }
    return sent + (await this.toStaff(em, f));
  }

  /**
   * Work notices for the staff who must act next, in the in-app 消息 only (no staff template):
   * a dispatch or 吹哨 tells the handler, a 退单 tells the community, a 不满意 (重办) tells the handler again.
   */
  private async toStaff(em: EntityManager, f: StepFacts): Promise<number> {
    const handlerOrgId = typeof f.data.handlerOrgId === 'number' ? f.data.handlerOrgId : f.ticket.handler_org_id;
    const ticketLabel = `工单 ${f.ticket.no}（${f.ticket.category_name}，${f.ticket.community_name}）`;
    let audience: Audience | null = null;
    let title = '';
    let body = '';
    if ((f.action === 'dispatch' || f.action === 'escalate') && handlerOrgId) {
      audience = { kind: 'org', organizationId: handlerOrgId, roles: ['property_manager', 'department_staff'] };
      title = f.action === 'dispatch' ? '新派单，请及时接单' : '新吹哨工单，请及时接单';
      body = `${ticketLabel}已派至贵单位，请接单处理。`;
    } else if (f.action === 'return') {
      audience = { kind: 'unit', unitId: f.ticket.community_id, roles: ['community_staff'] };
      title = '工单被退回，请重新派单';
      body = `${ticketLabel}被处理单位退回：${clip(f.note)}`;
    } else if (f.to === 'accepted' && f.ticket.status === 'resolved' && handlerOrgId) {
      audience = { kind: 'org', organizationId: handlerOrgId, roles: ['property_manager', 'department_staff'] };
      title = '居民不满意，工单重办';
      body = `${ticketLabel}评价为不满意，已退回贵单位重新办理。`;
    }
    if (!audience) return 0;
    // Same transaction as the step (em): a rolled-back step leaves no notice behind.
    return this.notifier.notify(em, audience, {
      ticketId: f.ticket.id, kind: 'ticket_work', title, body: body.slice(0, 500), dedupeKey: `ticket-work:${f.eventId}`, push: false,
    });
  }
}
