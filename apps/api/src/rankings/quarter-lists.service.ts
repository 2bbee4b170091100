import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { RANKING_FORMULA, type QuarterListEntry, type RankingRow } from '@red-butler/domain';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../access/actor';
import { ApiException } from '../common/api.exception';
import { ReportScopeService } from '../reports/report-scope.service';
import { QuarterList, type QuarterListKind } from './quarter-list.entity';
import { quarterEnd, RankingService, type QuarterRanking } from './ranking.service';

/** The worker computes the scheduled lists as an admin would, one district at a time. */
const SYSTEM_ACTOR: Actor = {
  userId: 0,
  displayName: '系统',
  phone: null,
  compoundId: null,
  buildingId: null,
  bindings: [{ role: 'admin', orgUnitId: null, orgUnitKind: null, organizationId: null, organizationKind: null }],
};

export function listEntries(rows: RankingRow[]): { red: QuarterListEntry[]; black: QuarterListEntry[] } {
  const ranked = rows.filter((r) => r.rank !== null && r.score !== null && r.stars !== null);
  const entry = (r: RankingRow): QuarterListEntry => ({ company: r.company, rank: r.rank as number, score: r.score as number, stars: r.stars as number });
  return {
    red: ranked.filter((r) => (r.stars as number) >= RANKING_FORMULA.redListMinStars).map(entry),
    black: ranked.filter((r) => (r.stars as number) <= RANKING_FORMULA.blackListMaxStars).map(entry),
  };
}

/**
 * 红黑榜: published once per quarter and district by the worker just after the quarter ends, then
 * frozen. A district supervisor's correction publishes the next version from the data as it is
 * now; every earlier version stays readable.
 */
@Injectable()
export class QuarterListsService {
  private readonly logger = new Logger('QuarterLists');

  constructor(
    private readonly db: DataSource,
    private readonly rankings: RankingService,
    private readonly scopes: ReportScopeService,
  ) {}

  /** The scheduled run: version 1 for every district that has none. Safe to run any number of times. */
  async publishScheduled(quarter: string): Promise<{ publishedDistricts: number[]; skipped: string | null }> {
    const districts: Array<{ id: number }> = await this.db.query(`SELECT id FROM org_units WHERE kind = 'district' ORDER BY id`);
    const published: number[] = [];
    if (quarterEnd(quarter).getTime() > Date.now()) return { publishedDistricts: published, skipped: `${quarter} has not ended` };
    for (const { id } of districts) {
      const done: unknown[] = await this.db.query('SELECT 1 FROM quarter_lists WHERE quarter = $1 AND district_id = $2 LIMIT 1', [quarter, id]);
      if (done.length) continue;
      const ranking = await this.rankings.ranking(SYSTEM_ACTOR, quarter, id);
      const row = await this.db.transaction((em) => this.insert(em, quarter, id, ranking, 'scheduled', null, null, 'first'));
      if (row) published.push(id);
    }
    if (published.length) this.logger.log(`published the 红黑榜 of ${quarter} for ${published.length} district(s)`);
    return { publishedDistricts: published, skipped: null };
  }

  async correct(actor: Actor, quarter: string, reason: string, scopeId?: number) {
    const districtId = await this.district(actor, scopeId);
    const mayCorrect = actor.bindings.some(
      (b) => b.role === 'admin' || (b.role === 'supervisor' && b.orgUnitKind === 'district' && b.orgUnitId === districtId),
    );
    if (!mayCorrect) throw new ApiException(HttpStatus.FORBIDDEN, 'ROLE_NOT_ALLOWED', 'only district supervisors correct the 红黑榜');
    const ranking = await this.rankings.ranking(actor, quarter, districtId);
    const row = await this.db.transaction((em) => this.insert(em, quarter, districtId, ranking, 'correction', reason, actor.userId, 'next'));
    if (!row) throw ApiException.notFound(`the lists of ${quarter}`);
    return this.view(row);
  }

  async get(actor: Actor, quarter: string, scopeId?: number) {
    const districtId = await this.district(actor, scopeId);
    const rows = await this.db.getRepository(QuarterList).find({ where: { quarter, districtId }, order: { version: 'DESC' } });
    const [{ name }]: Array<{ name: string }> = await this.db.query('SELECT name FROM org_units WHERE id = $1', [districtId]);
    return {
      quarter,
      district: { id: districtId, name },
      current: rows.length ? this.view(rows[0]) : null,
      history: rows.map((r) => this.view(r)),
    };
  }

  /**
   * One locked read-and-insert per (quarter, district): `first` writes version 1 only when none
   * exists (the scheduled run); `next` writes max + 1 only when one exists (a correction).
   */
  private async insert(
    em: EntityManager, quarter: string, districtId: number, ranking: QuarterRanking,
    kind: QuarterListKind, reason: string | null, by: number | null, mode: 'first' | 'next',
  ): Promise<QuarterList | null> {
    await em.query(`SELECT pg_advisory_xact_lock(hashtext('quarter-lists'), $1)`, [districtId]);
    const [{ max }]: Array<{ max: number | null }> = await em.query(
      'SELECT max(version) AS max FROM quarter_lists WHERE quarter = $1 AND district_id = $2', [quarter, districtId]);
    if (mode === 'first' ? max !== null : max === null) return null;
    const { red, black } = listEntries(ranking.rows);
    const repo = em.getRepository(QuarterList);
    return repo.save(repo.create({
      quarter, districtId, version: (max ?? 0) + 1, kind, reason, publishedBy: by,
      formula: ranking.formula, redList: red, blackList: black, ranking: ranking.rows,
    }));
  }

  private view(r: QuarterList) {
    return {
      version: r.version, kind: r.kind, reason: r.reason, publishedAt: r.publishedAt, publishedBy: r.publishedBy,
      formula: r.formula, redList: r.redList, blackList: r.blackList, ranking: r.ranking,
    };
  }

  /** The district whose lists the caller reads: the one holding the caller's report scope. */
  private async district(actor: Actor, scopeId?: number): Promise<number> {
    const scope = await this.scopes.resolve(actor, scopeId);
    const rows: Array<{ id: number }> = scope.kind === 'all'
      ? await this.db.query(`SELECT id FROM org_units WHERE kind = 'district' ORDER BY id LIMIT 2`)
      : await this.db.query('SELECT district_id AS id FROM org_units WHERE id = $1', [scope.id]);
    if (rows.length !== 1 || rows[0].id === null) throw ApiException.validation('scopeId', 'choose a district (or a unit inside one) with scopeId');
    return rows[0].id;
  }
}
