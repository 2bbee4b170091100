import { HttpStatus, Injectable } from '@nestjs/common';
import { noticeTransition, type NoticeAction, type NoticeStatus } from '@red-butler/domain';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../access/actor';
import { ApiException } from '../common/api.exception';
import { Notifier } from '../notifications/notifier.service';
import { CompanyTrail } from './company-trail.service';
import { loadNotice, noticeFacts, type NoticeRow } from './notice-row';
import { NoticesService } from './notices.service';
import { canReadNotice, companyDesks, verifyingDesk } from './supervision-scope';
import type { AnswerNoticeDto, VerifyNoticeDto } from './supervision.dto';

const stale = () => new ApiException(HttpStatus.CONFLICT, 'STALE_STATE', 'the notice was changed by someone else meanwhile; reload it');

/**
 * 整改答复 and 核验. Each step is one guarded UPDATE (status and version as read) plus its answer
 * row and trail entry in one transaction: of two people at once, one wins and the other gets 409.
 */
@Injectable()
export class NoticeStepsService {
  constructor(
    private readonly db: DataSource,
    private readonly notifier: Notifier,
    private readonly trail: CompanyTrail,
    private readonly notices: NoticesService,
  ) {}

  async answer(actor: Actor, id: number, dto: AnswerNoticeDto) {
    const n = await this.readable(actor, id);
    if (!companyDesks(actor).includes(n.organization_id)) throw new ApiException(HttpStatus.FORBIDDEN, 'ROLE_NOT_ALLOWED', 'only the company’s property manager answers a notice');
    const rule = this.rule(n.status, 'answer', 'company');
    const now = new Date();
    if (now.getTime() > n.due_at.getTime()) {
      throw new ApiException(HttpStatus.CONFLICT, 'NOTICE_DEADLINE_PASSED', `the deadline passed at ${n.due_at.toISOString()}`);
    }
    const photoIds = dto.photoIds ?? [];
    await this.db.transaction(async (em) => {
      // The deadline is part of the guard: an answer racing the worker's overdue loses cleanly.
      await this.guarded(em, n, rule.to, `next_event = NULL, next_event_at = NULL`, `AND due_at >= $4`, [now]);
      if (photoIds.length) await this.attachPhotos(em, actor, n.id, photoIds);
      await em.query(`INSERT INTO supervision_answers (notice_id, body, photo_ids, answered_by) VALUES ($1, $2, $3, $4)`, [n.id, dto.body, photoIds, actor.userId]);
      await this.trail.append(em, {
        organizationId: n.organization_id, compoundIds: n.compound_ids, kind: 'notice_answered', noticeId: n.id, actorId: actor.userId,
        summary: `物业公司提交整改答复：${dto.body}`, detail: { photoIds },
      });
      await this.notifier.notify(em, { kind: 'unit', unitId: n.issuer_unit_id, roles: ['street_staff', 'supervisor'] }, {
        ticketId: null, kind: 'supervision_answer', title: '督导通知已答复，待核验', dedupeKey: `notice:${n.id}:answer:${n.version}`,
        body: `${n.organization_name}已就督导通知（${n.problem.slice(0, 40)}）提交整改答复，请核验。`,
      });
    });
    return this.notices.detail(actor, id);
  }

  async verify(actor: Actor, id: number, dto: VerifyNoticeDto) {
    const n = await this.readable(actor, id);
    if (!verifyingDesk(actor, noticeFacts(n))) throw new ApiException(HttpStatus.FORBIDDEN, 'ROLE_NOT_ALLOWED', 'only the issuing street or the district verifies a notice');
    const action: NoticeAction = dto.verdict === 'accepted' ? 'accept' : 'reject';
    if (action === 'reject' && !dto.reason) throw ApiException.validation('reason', 'a rejection needs a reason');
    const rule = this.rule(n.status, action, 'issuer');
    await this.db.transaction(async (em) => {
      // Rejected: the deadline runs again (and may already have passed: the worker marks it at once).
      const clock = rule.to === 'rejected' ? `next_event = 'overdue', next_event_at = due_at` : `next_event = NULL, next_event_at = NULL`;
      await this.guarded(em, n, rule.to, clock);
      await em.query(
        `UPDATE supervision_answers SET verdict = $2, verdict_reason = $3, verified_by = $4, verified_at = now()
          WHERE id = (SELECT max(id) FROM supervision_answers WHERE notice_id = $1) AND verdict IS NULL`,
        [n.id, dto.verdict, dto.reason ?? null, actor.userId],
      );
      const accepted = rule.to === 'accepted';
      await this.trail.append(em, {
        organizationId: n.organization_id, compoundIds: n.compound_ids, kind: accepted ? 'notice_accepted' : 'notice_rejected', noticeId: n.id, actorId: actor.userId,
        summary: accepted ? '整改经核验通过' : '整改经核验未通过，须在期限内重新整改',
        detail: { reason: dto.reason ?? null },
      });
      await this.notifier.notify(em, { kind: 'org', organizationId: n.organization_id, roles: ['property_manager'] }, {
        ticketId: null, kind: 'supervision_verdict', title: accepted ? '督导整改已通过核验' : '督导整改未通过核验', dedupeKey: `notice:${n.id}:verdict:${n.version}`,
        body: accepted ? `督导通知（${n.problem.slice(0, 40)}）的整改已通过核验。` : `督导通知（${n.problem.slice(0, 40)}）的整改未通过：${(dto.reason ?? '').slice(0, 80)}`,
      });
    });
    return this.notices.detail(actor, id);
  }

  private async readable(actor: Actor, id: number): Promise<NoticeRow> {
    const n = await loadNotice(this.db.manager, id);
    if (!n || !canReadNotice(actor, noticeFacts(n))) throw ApiException.notFound('notice');
    return n;
  }

  private rule(status: NoticeStatus, action: NoticeAction, party: 'company' | 'issuer') {
    const rule = noticeTransition(status, action, party);
    if (!rule) throw new ApiException(HttpStatus.CONFLICT, 'ILLEGAL_TRANSITION', `cannot ${action} a notice that is ${status}`);
    return rule;
  }

  private async guarded(em: EntityManager, n: NoticeRow, to: NoticeStatus, set: string, extra = '', extraParams: unknown[] = []): Promise<void> {
    const rows: Array<{ id: number }> = await em.query(
      `WITH u AS (UPDATE supervision_notices SET status = $3, version = version + 1, ${set}
                   WHERE id = $1 AND status = $2 AND version = $${4 + extraParams.length} ${extra} RETURNING id) SELECT id FROM u`,
      [n.id, n.status, to, ...extraParams, n.version],
    );
    if (rows.length !== 1) throw stale();
  }

  /** Photos must be the caller's own uploads, on no ticket and no other answer. */
  private async attachPhotos(em: EntityManager, actor: Actor, noticeId: number, photoIds: string[]): Promise<void> {
    const rows: Array<{ id: string }> = await em.query(
      `WITH u AS (UPDATE uploads SET supervision_notice_id = $1 WHERE id = ANY($2::uuid[]) AND owner_id = $3 AND ticket_id IS NULL AND supervision_notice_id IS NULL RETURNING id)
       SELECT id FROM u`,
      [noticeId, photoIds, actor.userId],
    );
    if (rows.length !== photoIds.length) throw ApiException.invalidReference('photoIds', 'each photo must be your own upload, not yet attached elsewhere');
  }
}
