import { HttpStatus, Injectable } from '@nestjs/common';
import { OPEN_STATUSES, quarterOf, shanghaiDate } from '@red-butler/domain';
import { DataSource } from 'typeorm';
import type { Actor } from '../access/actor';
import { ApiException } from '../common/api.exception';
import { Notifier } from '../notifications/notifier.service';
import { CompanyTrail } from './company-trail.service';
import { loadNotice, noticeFacts } from './notice-row';
import { NoticesService } from './notices.service';
import { canReadNotice, issuerDesks, verifyingDesk } from './supervision-scope';
import type { DowngradeDto, ExitDto } from './supervision.dto';

const isUniqueViolation = (e: unknown) => (e as { code?: string }).code === '23505';

/** The quarter after `quarter` ('2026Q4' → '2027Q1'). */
export function nextQuarter(quarter: string): string {
  const year = Number(quarter.slice(0, 4));
  const q = Number(quarter.slice(5));
  return q === 4 ? `${year + 1}Q1` : `${year}Q${q + 1}`;
}

/** 'YYYY-MM-DD' plus `days` calendar days. */
function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** 降级 and 清退: recorded as rows (and trail entries), never implied from a notice's status. */
@Injectable()
export class ConsequencesService {
  constructor(
    private readonly db: DataSource,
    private readonly notifier: Notifier,
    private readonly trail: CompanyTrail,
    private readonly notices: NoticesService,
  ) {}

  /** 限期公布降级: an overdue notice costs the company stars for its compounds from the next quarter's ranking on. */
  async downgrade(actor: Actor, noticeId: number, dto: DowngradeDto) {
    const n = await loadNotice(this.db.manager, noticeId);
    if (!n || !canReadNotice(actor, noticeFacts(n))) throw ApiException.notFound('notice');
    if (!verifyingDesk(actor, noticeFacts(n))) throw new ApiException(HttpStatus.FORBIDDEN, 'ROLE_NOT_ALLOWED', 'only the issuing street or the district records a downgrade');
    if (n.status !== 'overdue') throw new ApiException(HttpStatus.CONFLICT, 'NOTICE_NOT_OVERDUE', `only an overdue notice leads to a downgrade; this one is ${n.status}`);
    if (dto.compoundId !== undefined && !n.compound_ids.includes(dto.compoundId)) throw ApiException.invalidReference('compoundId', 'not one of the notice’s compounds');
    const effective = nextQuarter(quarterOf(shanghaiDate(new Date())));
    if (dto.untilQuarter && dto.untilQuarter < effective) throw ApiException.validation('untilQuarter', `must be ${effective} or later`);
    const compoundIds = dto.compoundId !== undefined ? [dto.compoundId] : n.compound_ids;
    const steps = dto.steps ?? 1;
    try {
      await this.db.transaction(async (em) => {
        for (const compoundId of compoundIds) {
          await em.query(
            `INSERT INTO star_downgrades (notice_id, organization_id, compound_id, steps, effective_quarter, until_quarter, reason, created_by)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
            [n.id, n.organization_id, compoundId, steps, effective, dto.untilQuarter ?? null, `督导通知 #${n.id} 逾期未整改：${n.problem}`.slice(0, 1000), actor.userId],
          );
        }
        await this.trail.append(em, {
          organizationId: n.organization_id, compoundIds, kind: 'downgrade', noticeId: n.id, actorId: actor.userId,
          summary: `因督导整改逾期，星级降${steps}级，自${effective}季度评定起执行${dto.untilQuarter ? `至${dto.untilQuarter}季度` : ''}`,
          detail: { steps, effectiveQuarter: effective, untilQuarter: dto.untilQuarter ?? null },
        });
        await this.notifier.notify(em, { kind: 'org', organizationId: n.organization_id, roles: ['property_manager'] }, {
          ticketId: null, kind: 'supervision_downgrade', title: '星级降级', dedupeKey: `notice:${n.id}:downgrade`,
          body: `因督导通知（${n.problem.slice(0, 40)}）逾期未整改，自${effective}季度评定起星级降${steps}级。`,
        });
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw new ApiException(HttpStatus.CONFLICT, 'DOWNGRADE_EXISTS', 'compoundId: this notice already downgraded the company there');
      throw e;
    }
    return this.notices.detail(actor, noticeId);
  }

  /**
   * 清退: the company's contracts with the compound end the day before `effectiveOn` (a contract
   * not yet begun by then is removed, its dates kept on the exit row); a successor's contract, if
   * any, starts on `effectiveOn`. Dispatch reads the contracts, so from that day it offers the
   * successor (or the 国企兜底); tickets already with the old company stay there.
   */
  /**
   * The vote a 清退 cites must be the owners' decision for it: a closed vote of this compound that
   * passed, to dismiss this company or to hire the successor. A closed vote is frozen (trigger), so
   * what is checked here is what residents read on the 公示栏.
   */
  private async checkVote(dto: ExitDto): Promise<void> {
    const [v]: Array<{ compound_id: number; status: string; purpose: string | null; purpose_company_id: number | null; passed: boolean | null }> = await this.db.query(
      `SELECT compound_id, status, purpose, purpose_company_id, (result->>'passed')::boolean AS passed FROM owner_votes WHERE id = $1`,
      [dto.voteId],
    );
    if (!v || v.compound_id !== dto.compoundId) throw ApiException.invalidReference('voteId', 'not a vote of this compound');
    if (v.status !== 'closed' || v.passed !== true) throw ApiException.invalidReference('voteId', 'the vote has not closed with the motion passed');
    const dismisses = v.purpose === 'dismiss_company' && v.purpose_company_id === dto.organizationId;
    const hires = v.purpose === 'hire_company' && dto.successorCompanyId !== undefined && v.purpose_company_id === dto.successorCompanyId;
    if (!dismisses && !hires) throw ApiException.invalidReference('voteId', 'the vote neither dismisses this company nor hires the successor');
  }

  async exit(actor: Actor, dto: ExitDto) {
    const [compound]: Array<{ id: number; name: string; district_id: number; street_id: number }> = await this.db.query(
      `SELECT id, name, district_id, street_id FROM org_units WHERE id = $1 AND kind = 'compound'`,
      [dto.compoundId],
    );
    if (!compound) throw ApiException.invalidReference('compoundId', 'no such compound');
    const desks = issuerDesks(actor);
    const covering = desks.filter((d) => (d.kind === 'district' ? d.unitId === compound.district_id : d.unitId === compound.street_id));
    if (covering.length === 0) throw ApiException.notFound('compound');
    // Ending a contract is the district's decision (区住建局 / 区级督导), not a street's.
    if (!covering.some((d) => d.role === 'supervisor' && d.kind === 'district')) throw new ApiException(HttpStatus.FORBIDDEN, 'ROLE_NOT_ALLOWED', 'only district supervisors record a 清退');
    const today = shanghaiDate(new Date());
    if (dto.effectiveOn < today) throw ApiException.validation('effectiveOn', `must be today (${today}) or later`);
    if (dto.successorCompanyId === dto.organizationId) throw ApiException.invalidReference('successorCompanyId', 'the successor must be another company');
    if (dto.successorEndsOn && dto.successorEndsOn < dto.effectiveOn) throw ApiException.validation('successorEndsOn', 'must not be before effectiveOn');
    const names = await this.companies([dto.organizationId, ...(dto.successorCompanyId ? [dto.successorCompanyId] : [])]);
    if (!names.has(dto.organizationId)) throw ApiException.invalidReference('organizationId', 'no such property company');
    if (dto.successorCompanyId && !names.has(dto.successorCompanyId)) throw ApiException.invalidReference('successorCompanyId', 'no such property company');
    if (dto.noticeId !== undefined) {
      const n = await loadNotice(this.db.manager, dto.noticeId);
      if (!n || n.organization_id !== dto.organizationId || !n.compound_ids.includes(dto.compoundId)) throw ApiException.invalidReference('noticeId', 'not a notice to this company about this compound');
    }
    if (dto.voteId !== undefined) await this.checkVote(dto);
    const id = await this.db.transaction(async (em) => {
      const contracts: Array<{ id: number; starts_on: string; ends_on: string }> = await em.query(
        `SELECT id, starts_on::text, ends_on::text FROM compound_contracts WHERE organization_id = $1 AND compound_id = $2 AND ends_on >= $3 ORDER BY id FOR UPDATE`,
        [dto.organizationId, dto.compoundId, dto.effectiveOn],
      );
      if (contracts.length === 0) throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, 'NOT_SERVING_COMPOUND', 'organizationId: the company has no contract for this compound on or after effectiveOn');
      const lastDay = addDays(dto.effectiveOn, -1);
      for (const k of contracts) {
        if (k.starts_on < dto.effectiveOn) await em.query(`UPDATE compound_contracts SET ends_on = $2 WHERE id = $1`, [k.id, lastDay]);
        else await em.query(`DELETE FROM compound_contracts WHERE id = $1`, [k.id]);
      }
      let successorContractId: number | null = null;
      if (dto.successorCompanyId) {
        const endsOn = dto.successorEndsOn ?? addDays(addDays(dto.effectiveOn, 365), -1);
        [{ id: successorContractId }] = await em.query(
          `INSERT INTO compound_contracts (compound_id, organization_id, kind, starts_on, ends_on) VALUES ($1, $2, 'contract', $3, $4) RETURNING id`,
          [dto.compoundId, dto.successorCompanyId, dto.effectiveOn, endsOn],
        );
      }
      const [{ id }]: Array<{ id: number }> = await em.query(
        `INSERT INTO company_exits (organization_id, compound_id, effective_on, notice_id, vote_id, successor_organization_id, successor_contract_id, ended_contracts, reason, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
        [dto.organizationId, dto.compoundId, dto.effectiveOn, dto.noticeId ?? null, dto.voteId ?? null, dto.successorCompanyId ?? null, successorContractId,
          JSON.stringify(contracts.map((k) => ({ id: k.id, startsOn: k.starts_on, endsOn: k.ends_on, removed: k.starts_on >= dto.effectiveOn }))), dto.reason, actor.userId],
      );
      const successor = dto.successorCompanyId ? names.get(dto.successorCompanyId) : null;
      await this.trail.append(em, {
        organizationId: dto.organizationId, compoundIds: [dto.compoundId], kind: 'exit', noticeId: dto.noticeId ?? null, actorId: actor.userId,
        summary: `${compound.name}：自${dto.effectiveOn}起清退，${successor ? `由${successor}接管` : '由国企兜底物业临时接管'}。${dto.reason}`,
        detail: { exitId: id, voteId: dto.voteId ?? null, successorCompanyId: dto.successorCompanyId ?? null, endedContracts: contracts },
      });
      await this.notifier.notify(em, { kind: 'org', organizationId: dto.organizationId, roles: ['property_manager'] }, {
        ticketId: null, kind: 'supervision_exit', title: '清退通知', dedupeKey: `exit:${id}`, body: `自${dto.effectiveOn}起，贵公司不再服务${compound.name}。`,
      });
      return id;
    });
    return this.exitView(actor, id);
  }

  /** The 清退 and the compound's open tickets still with the old company, for 重新派单. */
  async exitView(actor: Actor, id: number) {
    const [x]: Array<Record<string, unknown> & { compound_id: number; organization_id: number; community_id: number; street_id: number; district_id: number }> = await this.db.query(
      `SELECT x.*, x.effective_on::text AS effective_on, c.name AS compound_name, c.community_id, c.street_id, c.district_id, o.name AS company_name, s.name AS successor_name
         FROM company_exits x JOIN org_units c ON c.id = x.compound_id JOIN organizations o ON o.id = x.organization_id
         LEFT JOIN organizations s ON s.id = x.successor_organization_id WHERE x.id = $1`,
      [id],
    );
    const sees = x && actor.bindings.some(
      (b) => b.role === 'admin' || (b.role === 'property_manager' && b.organizationId === x.organization_id) ||
        (['supervisor', 'street_staff', 'community_staff'].includes(b.role) &&
          ((b.orgUnitKind === 'district' && b.orgUnitId === x.district_id) || (b.orgUnitKind === 'street' && b.orgUnitId === x.street_id) || (b.orgUnitKind === 'community' && b.orgUnitId === x.community_id))),
    );
    if (!sees) throw ApiException.notFound('exit');
    const tickets = await this.db.query(
      `SELECT id, no, status, dispatched_at AS "dispatchedAt" FROM tickets
        WHERE compound_id = $1 AND handler_kind = 'company' AND handler_org_id = $2 AND status = ANY($3::ticket_status[]) ORDER BY id`,
      [x.compound_id, x.organization_id, OPEN_STATUSES],
    );
    return {
      id: x.id, company: { id: x.organization_id, name: x.company_name }, compound: { id: x.compound_id, name: x.compound_name },
      effectiveOn: x.effective_on, noticeId: x.notice_id, voteId: x.vote_id,
      successor: x.successor_organization_id ? { id: x.successor_organization_id, name: x.successor_name } : null,
      endedContracts: x.ended_contracts, reason: x.reason, createdAt: x.created_at, openTickets: tickets,
    };
  }

  private async companies(ids: number[]): Promise<Map<number, string>> {
    const rows: Array<{ id: number; name: string }> = await this.db.query(`SELECT id, name FROM organizations WHERE id = ANY($1::int[]) AND kind = 'property_company'`, [ids]);
    return new Map(rows.map((r) => [r.id, r.name]));
  }
}
