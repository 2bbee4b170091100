import { HttpStatus, Injectable } from '@nestjs/common';
import { workingDaysDeadline } from '@red-butler/domain';
import { DataSource } from 'typeorm';
import type { Actor } from '../access/actor';
import { ApiException } from '../common/api.exception';
import { Notifier } from '../notifications/notifier.service';
import { SlaService } from '../sla/sla.service';
import { CompanyTrail } from './company-trail.service';
import { loadNotice, NOTICE_SELECT, noticeFacts, type NoticeRow } from './notice-row';
import { noticeView } from './notice.view';
import { canReadNotice, issuerDesks, visibleNoticesSql, type IssuerDesk } from './supervision-scope';
import type { IssueNoticeDto, ListNoticesQuery } from './supervision.dto';
import { keysetPage, pageLimitSql } from '../common/keyset-page.util';

interface CompoundRow {
  id: number;
  name: string;
  street_id: number;
  district_id: number;
}

const TODAY = `(now() AT TIME ZONE 'Asia/Shanghai')::date`;

const covers = (d: IssuerDesk, c: CompoundRow) => (d.kind === 'district' ? c.district_id === d.unitId : c.street_id === d.unitId);

/** 下发督导通知, and reading notices in scope. */
@Injectable()
export class NoticesService {
  constructor(
    private readonly db: DataSource,
    private readonly sla: SlaService,
    private readonly notifier: Notifier,
    private readonly trail: CompanyTrail,
  ) {}

  async issue(actor: Actor, dto: IssueNoticeDto) {
    const desks = issuerDesks(actor);
    if (desks.length === 0) throw new ApiException(HttpStatus.FORBIDDEN, 'ROLE_NOT_ALLOWED', 'only supervisors and street staff issue supervision notices');
    const company = await this.company(dto.organizationId);
    const { desk, compounds } = await this.target(desks, company.id, dto.compoundId);
    const compoundIds = compounds.map((c) => c.id);
    await this.checkTickets(company.id, compoundIds, dto.ticketIds ?? []);
    if (dto.blackListQuarter) await this.checkBlackList(company.id, compounds[0].district_id, dto.blackListQuarter);
    const now = new Date();
    const dueAt = workingDaysDeadline(await this.sla.workingCalendar(), now, dto.workingDays);
    const id = await this.db.transaction(async (em) => {
      const [{ id }]: Array<{ id: number }> = await em.query(
        `INSERT INTO supervision_notices (organization_id, compound_ids, street_ids, district_id, issuer_unit_id, issued_by, problem, expected,
                                          ticket_ids, black_list_quarter, working_days, issued_at, due_at, next_event, next_event_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 'overdue', $13) RETURNING id`,
        [company.id, compoundIds, [...new Set(compounds.map((c) => c.street_id))], compounds[0].district_id, desk.unitId, actor.userId,
          dto.problem, dto.expected, dto.ticketIds ?? [], dto.blackListQuarter ?? null, dto.workingDays, now, dueAt],
      );
      const names = compounds.map((c) => c.name).join('、');
      await this.trail.append(em, {
        organizationId: company.id, compoundIds, kind: 'notice_issued', noticeId: id, actorId: actor.userId,
        summary: `就${names}下发督导通知，限期${dto.workingDays}个工作日整改：${dto.problem}`,
        detail: { issuerRole: desk.role, issuerUnitId: desk.unitId, dueAt, expected: dto.expected, ticketIds: dto.ticketIds ?? [], blackListQuarter: dto.blackListQuarter ?? null },
      });
      await this.notifier.notify(em, { kind: 'org', organizationId: company.id, roles: ['property_manager'] }, {
        ticketId: null, kind: 'supervision_notice', title: '收到督导整改通知', dedupeKey: `notice:${id}:issued`,
        body: `${names}：${dto.problem.slice(0, 120)}。请于${formatShanghai(dueAt)}前整改并答复。`,
      });
      return id;
    });
    return this.detail(actor, id);
  }

  async list(actor: Actor, q: ListNoticesQuery) {
    const params: unknown[] = [];
    const where = [visibleNoticesSql(actor, params)];
    if (where[0] === 'FALSE') throw new ApiException(HttpStatus.FORBIDDEN, 'ROLE_NOT_ALLOWED', 'your role does not read supervision notices');
    if (q.status) where.push(`n.status = $${params.push(q.status)}`);
    if (q.organizationId) where.push(`n.organization_id = $${params.push(q.organizationId)}`);
    if (q.cursor) where.push(`n.id < $${params.push(q.cursor)}`);
    const limit = q.limit ?? 50;
    const rows: NoticeRow[] = await this.db.query(`${NOTICE_SELECT} WHERE ${where.join(' AND ')} ORDER BY n.id DESC ${pageLimitSql(limit)}`, params);
    const { page, nextCursor } = keysetPage(rows, limit, (last) => last.id);
    const items = await Promise.all(page.map((n) => noticeView(this.db.manager, actor, n, false)));
    return { items, nextCursor };
  }

  async detail(actor: Actor, id: number) {
    const n = await loadNotice(this.db.manager, id);
    if (!n || !canReadNotice(actor, noticeFacts(n))) throw ApiException.notFound('notice');
    return noticeView(this.db.manager, actor, n, true);
  }

  private async company(id: number): Promise<{ id: number; name: string }> {
    const rows: Array<{ id: number; name: string }> = await this.db.query(`SELECT id, name FROM organizations WHERE id = $1 AND kind = 'property_company'`, [id]);
    if (!rows[0]) throw ApiException.invalidReference('organizationId', 'no such property company');
    return rows[0];
  }

  /** The compound(s) and the desk issuing: one compound the company serves today, or all of them in the desk's scope. */
  private async target(desks: IssuerDesk[], companyId: number, compoundId?: number): Promise<{ desk: IssuerDesk; compounds: CompoundRow[] }> {
    const served: CompoundRow[] = await this.db.query(
      `SELECT DISTINCT c.id, c.name, c.street_id, c.district_id FROM compound_contracts k JOIN org_units c ON c.id = k.compound_id
        WHERE k.organization_id = $1 AND ${TODAY} BETWEEN k.starts_on AND k.ends_on ORDER BY c.id`,
      [companyId],
    );
    if (compoundId !== undefined) {
      const rows: CompoundRow[] = await this.db.query(`SELECT id, name, street_id, district_id FROM org_units WHERE id = $1 AND kind = 'compound'`, [compoundId]);
      if (!rows[0]) throw ApiException.invalidReference('compoundId', 'no such compound');
      const desk = desks.find((d) => covers(d, rows[0]));
      if (!desk) throw ApiException.notFound('compound');
      if (!served.some((c) => c.id === compoundId)) throw notServing('compoundId: the company does not serve this compound today');
      return { desk, compounds: rows };
    }
    for (const desk of desks) {
      const compounds = served.filter((c) => covers(desk, c));
      if (compounds.length) return { desk, compounds };
    }
    throw notServing('organizationId: the company serves no compound in your scope today');
  }

  private async checkTickets(companyId: number, compoundIds: number[], ticketIds: number[]): Promise<void> {
    if (ticketIds.length === 0) return;
    const rows: Array<{ id: number }> = await this.db.query(
      `SELECT id FROM tickets WHERE id = ANY($1::int[]) AND handler_kind = 'company' AND handler_org_id = $2 AND compound_id = ANY($3::int[])`,
      [ticketIds, companyId, compoundIds],
    );
    const found = new Set(rows.map((r) => r.id));
    const stray = ticketIds.filter((t) => !found.has(t));
    if (stray.length) {
      throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, 'TICKET_NOT_IN_NOTICE_SCOPE', `ticketIds: ${stray.join(', ')} are not this company’s tickets in the notice’s compounds`, [{ field: 'ticketIds', stray }]);
    }
  }

  /** The current (latest) version of the quarter's lists for the district must name the company on its 黑榜. */
  private async checkBlackList(companyId: number, districtId: number, quarter: string): Promise<void> {
    const rows: Array<{ listed: boolean }> = await this.db.query(
      `SELECT black_list @> jsonb_build_array(jsonb_build_object('company', jsonb_build_object('id', $3::int))) AS listed
         FROM quarter_lists WHERE quarter = $1 AND district_id = $2 ORDER BY version DESC LIMIT 1`,
      [quarter, districtId, companyId],
    );
    if (!rows[0]?.listed) throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, 'NOT_ON_BLACK_LIST', `blackListQuarter: the company is not on the ${quarter} black list`);
  }
}

function notServing(message: string): ApiException {
  return new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, 'NOT_SERVING_COMPOUND', message);
}

export function formatShanghai(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}
