import { Injectable } from '@nestjs/common';
import { workingDaysDeadline } from '@red-butler/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { Notifier, type Audience } from '../notifications/notifier.service';
import { SlaService } from '../sla/sla.service';
import { CompanyTrail } from './company-trail.service';
import { loadNotice, noticeLadder, type NoticeRow } from './notice-row';
import { formatShanghai } from './notices.service';
import type { NoticeEvent } from './supervision-notice.entity';

/** Timers may round a few ms early; anything earlier waits for the next sweep (as DeadlineEffects). */
const EARLY_TOLERANCE_MS = 250;

const LEVEL_LABEL = { street: '街道督办', district: '区级督办' } as const;

/**
 * The worker's side of a notice: 逾期 at the deadline, then 督办 one level up a working day later.
 * Each effect locks the notice row and checks it still expects exactly this event at exactly this
 * time; the update, the trail entry and the notices commit together, so a second run (a retry,
 * a second worker, a re-queued job after a Redis wipe) finds nothing to do.
 */
@Injectable()
export class NoticeDeadlines {
  constructor(
    private readonly db: DataSource,
    private readonly sla: SlaService,
    private readonly notifier: Notifier,
    private readonly trail: CompanyTrail,
  ) {}

  async fire(noticeId: number, event: NoticeEvent, at: Date, now = new Date()): Promise<'fired' | 'skipped'> {
    return this.db.transaction(async (em) => {
      const n = await loadNotice(em, noticeId, true);
      const expected = n && n.next_event === event && n.next_event_at?.getTime() === at.getTime();
      if (!n || !expected || at.getTime() > now.getTime() + EARLY_TOLERANCE_MS) return 'skipped';
      if (event === 'overdue') {
        // Only silence or a rejected answer runs out; an answer waiting for verification has no clock.
        if (n.status !== 'issued' && n.status !== 'rejected') return 'skipped';
        await em.query(`UPDATE supervision_notices SET status = 'overdue', overdue_at = $2, version = version + 1 WHERE id = $1`, [n.id, now]);
        await this.escalate(em, n, 1, now);
      } else {
        await this.escalate(em, n, n.escalation_level + 1, now);
      }
      return 'fired';
    });
  }

  private async escalate(em: EntityManager, n: NoticeRow, level: number, now: Date): Promise<void> {
    const ladder = noticeLadder(n);
    const who = ladder[level - 1];
    const hasNext = level < ladder.length;
    const next = hasNext ? workingDaysDeadline(await this.sla.workingCalendar(em), now, 1) : null;
    await em.query(`UPDATE supervision_notices SET escalation_level = $2, next_event = $3, next_event_at = $4 WHERE id = $1`, [n.id, level, hasNext ? 'escalate' : null, next]);
    const overdue = level === 1;
    await this.trail.append(em, {
      organizationId: n.organization_id, compoundIds: n.compound_ids, kind: overdue ? 'notice_overdue' : 'notice_escalated', noticeId: n.id, actorId: null,
      summary: overdue ? `督导通知逾期未完成整改（期限 ${formatShanghai(n.due_at)}）` : `督导通知逾期未整改，已提级${LEVEL_LABEL[who]}`,
      detail: { level, to: who, dueAt: n.due_at },
    });
    const body = `${n.organization_name}：督导通知（${n.problem.slice(0, 40)}）已于 ${formatShanghai(n.due_at)} 逾期${overdue ? '' : `，已提级${LEVEL_LABEL[who]}`}。`;
    if (overdue) {
      await this.notifier.notify(em, { kind: 'org', organizationId: n.organization_id, roles: ['property_manager'] }, {
        ticketId: null, kind: 'supervision_overdue', title: '督导整改已逾期', body, dedupeKey: `notice:${n.id}:overdue`,
      });
    }
    await this.notifier.notify(em, this.audience(n, who), {
      ticketId: null, kind: overdue ? 'supervision_overdue' : 'supervision_escalated', title: overdue ? '督导通知逾期未整改' : `${LEVEL_LABEL[who]}：督导通知逾期未整改`,
      body, dedupeKey: `notice:${n.id}:escalate:${level}`,
    });
  }

  private audience(n: NoticeRow, who: 'street' | 'district'): Audience {
    if (who === 'street') return { kind: 'unit', unitId: n.issuer_unit_id, roles: ['street_staff', 'supervisor'] };
    return { kind: 'unit', unitId: n.district_id, roles: ['supervisor'] };
  }
}
