import { Injectable } from '@nestjs/common';
import { TICKET_ACTION_LABELS, TICKET_STATUS_LABELS, type TicketAction, type TicketStatus } from '@red-butler/domain';
import type { EntityManager } from 'typeorm';
import { Notifier } from '../notifications/notifier.service';
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

/** What happened, in the words a resident reads. */
function sentence(f: StepFacts): string {
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
      return `已办结：${clip(f.note)}`;
    case 'cancel':
      return '报事人已撤销。如问题仍然存在，请重新报事';
    case 'reject':
      return `不予受理：${clip(f.note)}`;
    case 'merge':
      return `已与工单 ${String(f.data.intoTicketNo ?? '')} 合并处理，后续进展将通知您`;
    default:
      return f.to === 'accepted' ? '评价为不满意，已重新办理' : `${TICKET_ACTION_LABELS[f.action]}，当前状态：${TICKET_STATUS_LABELS[f.to]}`;
  }
}

/**
 * Status notices to the people who wait on a ticket: its reporter and its followers (也遇到了, or
 * carried over by a merge), never the one who took the step. In-app inbox only: WeChat subscribe
 * messages are one-shot permissions and stay reserved for the 回访 request. On 办结 the reporter
 * already gets that request, so only followers get the status notice.
 */
@Injectable()
export class TicketStatusNotices {
  constructor(private readonly notifier: Notifier) {}

  async onStep(em: EntityManager, f: StepFacts): Promise<number> {
    if (f.to === f.ticket.status) return 0; // progress notes, pauses: no news in the status
    const followers: Array<{ user_id: number }> = await em.query('SELECT user_id FROM ticket_followers WHERE ticket_id = $1', [f.ticket.id]);
    const audience = new Set(followers.map((r) => r.user_id));
    if (f.action !== 'resolve') audience.add(f.ticket.reporter_id);
    audience.delete(f.actorId);
    if (audience.size === 0) return 0;
    return this.notifier.notify(em, { kind: 'users', userIds: [...audience] }, {
      ticketId: f.ticket.id,
      kind: 'ticket_status',
      title: `报事进展：${TICKET_STATUS_LABELS[f.to]}`,
      body: `工单 ${f.ticket.no}（${f.ticket.category_name}）${sentence(f)}。`.slice(0, 500),
      dedupeKey: `ticket-status:${f.eventId}`,
      push: false,
    });
  }
}
