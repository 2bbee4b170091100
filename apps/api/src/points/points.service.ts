import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../access/actor';
import { ApiException } from '../common/api.exception';
import { communitiesSql, loadCommunity, OVERSEER_ROLES, runsPointsOf } from './points-access';
import { PointsClock, shanghaiDay } from './points-clock.service';
import type { ParticipationQuery, RulesQuery, SetRuleDto } from './points.dto';

const DAY_MS = 86_400_000;
const MAX_PERIOD_DAYS = 366;

/** A resident's balance and history, the earning rules, and the supervisor's participation figures. */
@Injectable()
export class PointsService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: PointsClock,
  ) {}

  async mine(actor: Actor) {
    const [account]: Array<{ balance: number }> = await this.db.query(`SELECT balance FROM points_accounts WHERE user_id = $1`, [actor.userId]);
    const entries = await this.db.query(
      `SELECT id::int, kind, points, reason, source_kind AS "sourceKind", source_id AS "sourceId", day::text, created_at AS "createdAt"
         FROM points_entries WHERE user_id = $1 ORDER BY id DESC LIMIT 200`,
      [actor.userId],
    );
    return { balance: account?.balance ?? 0, entries };
  }

  /** The rules in force for the caller's communities and districts (or one org unit), community rules first. */
  async rules(actor: Actor, q: RulesQuery) {
    const params: unknown[] = [];
    const scope = communitiesSql(actor, params, OVERSEER_ROLES);
    params.push(q.orgUnitId ?? null);
    const rows = await this.db.query(
      `SELECT r.id, r.org_unit_id AS "orgUnitId", u.name AS "orgUnitName", u.kind AS "orgUnitKind", r.kind, r.points, r.daily_cap AS "dailyCap", r.updated_at AS "updatedAt"
         FROM points_rules r JOIN org_units u ON u.id = r.org_unit_id
        WHERE ($${params.length}::int IS NULL OR r.org_unit_id = $${params.length})
          AND r.org_unit_id IN (SELECT c.id FROM org_units c WHERE c.kind = 'community' AND ${scope}
                                UNION SELECT c.district_id FROM org_units c WHERE c.kind = 'community' AND ${scope})
        ORDER BY (u.kind = 'community') DESC, r.org_unit_id, r.kind`,
      params,
    );
    return { items: rows };
  }

  /** Admins set district-wide rules; a community's staff set their community's (which win over the district's). */
  async setRule(actor: Actor, dto: SetRuleDto) {
    const units: Array<{ kind: string }> = await this.db.query(`SELECT kind FROM org_units WHERE id = $1`, [dto.orgUnitId]);
    const kind = units[0]?.kind;
    if (kind !== 'district' && kind !== 'community') throw ApiException.invalidReference('orgUnitId', 'a rule belongs to a district or a community');
    const admin = actor.bindings.some((b) => b.role === 'admin');
    const community = kind === 'community' ? await loadCommunity(this.db, dto.orgUnitId) : null;
    const allowed = kind === 'district' ? admin : community !== null && runsPointsOf(actor, community);
    if (!allowed) throw new ApiException(HttpStatus.FORBIDDEN, 'ROLE_NOT_ALLOWED', kind === 'district' ? 'only admins set district-wide rules' : 'only the community’s staff set its rules');
    await this.db.query(
      `INSERT INTO points_rules (org_unit_id, kind, points, daily_cap, updated_by) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (org_unit_id, kind) DO UPDATE SET points = EXCLUDED.points, daily_cap = EXCLUDED.daily_cap, updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [dto.orgUnitId, dto.kind, dto.points, dto.dailyCap, actor.userId],
    );
    return this.rules(actor, { orgUnitId: dto.orgUnitId });
  }

  /**
   * Per community in the caller's scope (as for the reports): residents who earned, points earned
   * and spent (net of reversals), activities held and attendances, over Shanghai days [from, to].
   */
  async participation(actor: Actor, q: ParticipationQuery) {
    if (!actor.bindings.some((b) => b.role === 'admin' || (OVERSEER_ROLES as readonly string[]).includes(b.role))) {
      throw new ApiException(HttpStatus.FORBIDDEN, 'ROLE_NOT_ALLOWED', 'only supervisors, street and community staff and admins read participation');
    }
    const today = shanghaiDay(this.clock.now());
    const to = q.to ?? today;
    const from = q.from ?? shanghaiDay(new Date(Date.parse(`${to}T00:00:00Z`) - 29 * DAY_MS));
    const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS;
    if (!(days >= 0)) throw ApiException.validation('from', 'from must not be after to');
    if (days >= MAX_PERIOD_DAYS) throw ApiException.validation('from', `the period must be at most ${MAX_PERIOD_DAYS} days`);
    const params: unknown[] = [from, to];
    const rows: Array<Record<string, number | string>> = await this.db.query(
      `WITH e AS (
         SELECT community_id,
                count(DISTINCT user_id) FILTER (WHERE kind = 'earn' AND points > 0)::int AS residents,
                COALESCE(sum(points) FILTER (WHERE source_kind <> 'redemption'), 0)::int AS earned,
                COALESCE(-sum(points) FILTER (WHERE source_kind = 'redemption'), 0)::int AS spent
           FROM points_entries WHERE day BETWEEN $1::date AND $2::date GROUP BY community_id),
       a AS (
         SELECT a.community_id, count(DISTINCT a.id)::int AS held, count(s.id) FILTER (WHERE s.attended_at IS NOT NULL)::int AS attended
           FROM activities a LEFT JOIN activity_signups s ON s.activity_id = a.id
          WHERE (a.starts_at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN $1::date AND $2::date GROUP BY a.community_id)
       SELECT c.id AS "communityId", c.name AS "communityName", COALESCE(e.residents, 0) AS residents, COALESCE(e.earned, 0) AS earned,
              COALESCE(e.spent, 0) AS spent, COALESCE(a.held, 0) AS "activitiesHeld", COALESCE(a.attended, 0) AS attendances
         FROM org_units c LEFT JOIN e ON e.community_id = c.id LEFT JOIN a ON a.community_id = c.id
        WHERE c.kind = 'community' AND ${communitiesSql(actor, params, OVERSEER_ROLES)}
        ORDER BY c.id`,
      params,
    );
    return { from, to, items: rows };
  }
}
