import { NOTICE_STATUS_LABELS, noticeActions, type NoticeParty } from '@red-butler/domain';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../access/actor';
import { noticeFacts, type NoticeRow } from './notice-row';
import { companyDesks, verifyingDesk } from './supervision-scope';

/** The parties the caller acts as on this notice: its company's manager, and/or its verifying desk. */
export function partiesOf(actor: Actor, n: NoticeRow): NoticeParty[] {
  const parties: NoticeParty[] = [];
  if (companyDesks(actor).includes(n.organization_id)) parties.push('company');
  if (verifyingDesk(actor, noticeFacts(n))) parties.push('issuer');
  return parties;
}

/** A notice as the API returns it; `full` adds the answers, tickets and downgrades (detail). */
export async function noticeView(em: EntityManager, actor: Actor, n: NoticeRow, full: boolean) {
  const [meta]: Array<{ compounds: Array<{ id: number; name: string }>; issuer_unit: string; issuer: string }> = await em.query(
    `SELECT coalesce((SELECT json_agg(json_build_object('id', c.id, 'name', c.name) ORDER BY c.id) FROM org_units c WHERE c.id = ANY($1::int[])), '[]') AS compounds,
            (SELECT name FROM org_units WHERE id = $2) AS issuer_unit, (SELECT display_name FROM users WHERE id = $3) AS issuer`,
    [n.compound_ids, n.issuer_unit_id, n.issued_by],
  );
  const parties = partiesOf(actor, n);
  const past = Date.now() > n.due_at.getTime();
  const view = {
    id: n.id,
    company: { id: n.organization_id, name: n.organization_name },
    compounds: meta.compounds,
    issuer: { unitId: n.issuer_unit_id, unitName: meta.issuer_unit, unitKind: n.issuer_unit_kind, displayName: meta.issuer },
    problem: n.problem,
    expected: n.expected,
    ticketIds: n.ticket_ids,
    blackListQuarter: n.black_list_quarter,
    workingDays: n.working_days,
    status: n.status,
    statusLabel: NOTICE_STATUS_LABELS[n.status],
    version: n.version,
    issuedAt: n.issued_at,
    dueAt: n.due_at,
    overdueAt: n.overdue_at,
    escalationLevel: n.escalation_level,
    // An answer after the deadline is refused, so the button goes with it.
    allowedActions: noticeActions(n.status, parties).filter((a) => a !== 'overdue' && !(a === 'answer' && past)),
  };
  if (!full) return view;
  const [answers, tickets, downgrades] = await Promise.all([
    em.query(
      `SELECT a.id, a.body, a.photo_ids AS "photoIds", a.answered_at AS "answeredAt", json_build_object('id', u.id, 'displayName', u.display_name) AS "answeredBy",
              a.verdict, a.verdict_reason AS "verdictReason", a.verified_at AS "verifiedAt",
              CASE WHEN v.id IS NULL THEN NULL ELSE json_build_object('id', v.id, 'displayName', v.display_name) END AS "verifiedBy"
         FROM supervision_answers a JOIN users u ON u.id = a.answered_by LEFT JOIN users v ON v.id = a.verified_by
        WHERE a.notice_id = $1 ORDER BY a.id`,
      [n.id],
    ) as Promise<Array<{ photoIds: string[] }>>,
    em.query(`SELECT id, no, status FROM tickets WHERE id = ANY($1::int[]) ORDER BY id`, [n.ticket_ids]),
    em.query(
      `SELECT d.id, d.compound_id AS "compoundId", c.name AS "compoundName", d.steps, d.effective_quarter AS "effectiveQuarter", d.until_quarter AS "untilQuarter"
         FROM star_downgrades d JOIN org_units c ON c.id = d.compound_id WHERE d.notice_id = $1 ORDER BY d.id`,
      [n.id],
    ),
  ]);
  return {
    ...view,
    answers: answers.map((a) => ({ ...a, photos: a.photoIds.map((id) => ({ id, url: `/api/uploads/${id}` })) })),
    tickets,
    downgrades,
  };
}
