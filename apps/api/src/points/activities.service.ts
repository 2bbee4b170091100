import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../access/actor';
import { ApiException } from '../common/api.exception';
import { communitiesSql, communityAccess, homeCommunity, STAFF_ROLES, staffOnly } from './points-access';
import { PointsClock } from './points-clock.service';
import { PointsLedger } from './points-ledger.service';
import type { CreateActivityDto } from './points.dto';

const COLUMNS = `a.id, a.community_id AS "communityId", c.name AS "communityName", a.title, a.place, a.starts_at AS "startsAt",
                 a.hours_tenths AS "hoursTenths", a.capacity, a.signed_up AS "signedUp"`;
const ACTIVITY = `SELECT ${COLUMNS} FROM activities a JOIN org_units c ON c.id = a.community_id`;

/**
 * Community activities (志愿服务, 集体劳动): staff publish, residents sign up, staff check them in.
 * Check-in and its points are one transaction, keyed by the sign-up, so a second check-in (a double
 * tap, two staff at once) neither earns twice nor fails the first.
 */
@Injectable()
export class ActivitiesService {
  constructor(
    private readonly db: DataSource,
    private readonly ledger: PointsLedger,
    private readonly clock: PointsClock,
  ) {}

  async create(actor: Actor, dto: CreateActivityDto) {
    const a = await communityAccess(this.db, actor, dto.communityId, false);
    if (!a.community) throw ApiException.invalidReference('communityId', 'no such community');
    staffOnly(a.staff);
    const [{ id }]: Array<{ id: number }> = await this.db.query(
      `INSERT INTO activities (community_id, title, place, starts_at, hours_tenths, capacity, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [dto.communityId, dto.title, dto.place, new Date(dto.startsAt), Math.round(dto.hours * 10), dto.capacity, actor.userId],
    );
    return this.detail(actor, id);
  }

  /** Residents: their community's activities with their own sign-up; staff: their communities'. */
  async list(actor: Actor) {
    const params: unknown[] = [await homeCommunity(this.db, actor), actor.userId];
    const rows = await this.db.query(
      `SELECT ${COLUMNS}, s.id IS NOT NULL AS "signedUpByMe", s.attended_at AS "attendedAt"
         FROM activities a JOIN org_units c ON c.id = a.community_id
         LEFT JOIN activity_signups s ON s.activity_id = a.id AND s.user_id = $2
        WHERE a.community_id = $1 OR ${communitiesSql(actor, params, STAFF_ROLES)}
        ORDER BY a.starts_at DESC, a.id DESC LIMIT 200`,
      params,
    );
    return { items: rows.map(num) };
  }

  async detail(actor: Actor, id: number) {
    const { row, staff } = await this.load(actor, id);
    const signups = staff
      ? await this.db.query(
          `SELECT s.user_id AS "userId", u.display_name AS "displayName", s.created_at AS "signedUpAt", s.attended_at AS "attendedAt"
             FROM activity_signups s JOIN users u ON u.id = s.user_id WHERE s.activity_id = $1 ORDER BY s.id`,
          [id],
        )
      : await this.db.query(
          `SELECT s.user_id AS "userId", u.display_name AS "displayName", s.created_at AS "signedUpAt", s.attended_at AS "attendedAt"
             FROM activity_signups s JOIN users u ON u.id = s.user_id WHERE s.activity_id = $1 AND s.user_id = $2`,
          [id, actor.userId],
        );
    return { ...num(row), signups };
  }

  /** The guarded increment (`signed_up < capacity`) is what makes the last seat go to exactly one resident. */
  async signUp(actor: Actor, id: number) {
    const { resident } = await this.load(actor, id);
    if (!resident) throw new ApiException(HttpStatus.FORBIDDEN, 'ROLE_NOT_ALLOWED', 'only residents of the community sign up');
    await this.db.transaction(async (em) => {
      const inserted: unknown[] = await em.query(
        `INSERT INTO activity_signups (activity_id, user_id) VALUES ($1, $2) ON CONFLICT (activity_id, user_id) DO NOTHING RETURNING id`,
        [id, actor.userId],
      );
      if (inserted.length === 0) throw new ApiException(HttpStatus.CONFLICT, 'POINTS_STATE_CHANGED', 'you have already signed up');
      const seat: unknown[] = await em.query(
        `WITH u AS (UPDATE activities SET signed_up = signed_up + 1 WHERE id = $1 AND signed_up < capacity RETURNING id) SELECT id FROM u`,
        [id],
      );
      if (seat.length === 0) throw new ApiException(HttpStatus.CONFLICT, 'ACTIVITY_FULL', 'the activity is full');
    });
    return this.detail(actor, id);
  }

  async checkIn(actor: Actor, id: number, userId: number) {
    const { row, staff } = await this.load(actor, id);
    staffOnly(staff);
    await this.db.transaction(async (em) => {
      const signups: Array<{ id: number }> = await em.query(
        `WITH u AS (UPDATE activity_signups SET attended_at = now(), checked_by = $3
                     WHERE activity_id = $1 AND user_id = $2 AND attended_at IS NULL RETURNING id) SELECT id FROM u`,
        [id, userId, actor.userId],
      );
      if (signups.length === 0) {
        const exists: unknown[] = await em.query(`SELECT 1 FROM activity_signups WHERE activity_id = $1 AND user_id = $2`, [id, userId]);
        if (exists.length === 0) throw ApiException.invalidReference('userId', 'this resident has not signed up for the activity');
        return; // already checked in: idempotent, the points were earned the first time
      }
      await this.ledger.earn(em, {
        userId, communityId: row.communityId, rule: 'activity_hour', units: row.hoursTenths, sourceKind: 'activity', sourceId: signups[0].id,
        reason: `参加活动：${row.title}（${row.hoursTenths / 10} 小时）`, now: this.clock.now(),
      });
    });
    return this.detail(actor, id);
  }

  private async load(actor: Actor, id: number) {
    const rows: Array<{ communityId: number; title: string; hoursTenths: number }> = await this.db.query(`${ACTIVITY} WHERE a.id = $1`, [id]);
    if (!rows[0]) throw ApiException.notFound('activity');
    const a = await communityAccess(this.db, actor, rows[0].communityId, true);
    if (!a.visible) throw ApiException.notFound('activity');
    return { row: rows[0], staff: a.staff, resident: a.resident };
  }
}

/** Hours are stored in tenths (integer points arithmetic); the API speaks hours. */
function num<T extends { hoursTenths: number }>(r: T) {
  const { hoursTenths, ...rest } = r;
  return { ...rest, hours: hoursTenths / 10 };
}
