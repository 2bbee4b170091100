import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../access/actor';
import { ApiException } from '../common/api.exception';
import { communitiesSql, communityAccess, homeCommunity, STAFF_ROLES, staffOnly } from './points-access';
import { PointsClock } from './points-clock.service';
import { PointsLedger } from './points-ledger.service';
import type { CreateShopItemDto } from './points.dto';

const ITEM = `SELECT i.id, i.community_id AS "communityId", c.name AS "communityName", i.name, i.price, i.stock, i.active
                FROM shop_items i JOIN org_units c ON c.id = i.community_id`;
const REDEMPTION = `SELECT r.id, r.item_id AS "itemId", i.name AS "itemName", r.user_id AS "userId", u.display_name AS "residentName",
                           i.community_id AS "communityId", r.price, r.status, r.created_at AS "createdAt", r.decided_at AS "decidedAt"
                      FROM redemptions r JOIN shop_items i ON i.id = r.item_id JOIN users u ON u.id = r.user_id`;

/**
 * The 爱心屋: a community's catalogue and its residents' redemptions. A redemption is one
 * transaction: the spend line (under the resident's balance lock), the guarded stock decrement
 * (`stock > 0`) and the redemption row; running out of either is a 409 and nothing is written.
 */
@Injectable()
export class ShopService {
  constructor(
    private readonly db: DataSource,
    private readonly ledger: PointsLedger,
    private readonly clock: PointsClock,
  ) {}

  async items(actor: Actor) {
    const params: unknown[] = [];
    const home = await homeCommunity(this.db, actor);
    params.push(home);
    const rows = await this.db.query(
      `${ITEM} WHERE (i.community_id = $1 AND i.active) OR ${communitiesSql(actor, params, STAFF_ROLES)} ORDER BY i.community_id, i.price, i.id`,
      params,
    );
    return { items: rows };
  }

  async create(actor: Actor, dto: CreateShopItemDto) {
    const a = await communityAccess(this.db, actor, dto.communityId, false);
    if (!a.community) throw ApiException.invalidReference('communityId', 'no such community');
    staffOnly(a.staff);
    const [{ id }]: Array<{ id: number }> = await this.db.query(
      `INSERT INTO shop_items (community_id, name, price, stock) VALUES ($1, $2, $3, $4) RETURNING id`,
      [dto.communityId, dto.name, dto.price, dto.stock],
    );
    return (await this.db.query(`${ITEM} WHERE i.id = $1`, [id]))[0];
  }

  async redeem(actor: Actor, itemId: number) {
    const item = await this.item(actor, itemId, true);
    if (!item.resident) throw new ApiException(HttpStatus.FORBIDDEN, 'ROLE_NOT_ALLOWED', 'only residents of the community redeem its items');
    const id = await this.db.transaction(async (em) => {
      const now = this.clock.now();
      const taken: unknown[] = await em.query(
        `WITH u AS (UPDATE shop_items SET stock = stock - 1 WHERE id = $1 AND active AND stock > 0 RETURNING id) SELECT id FROM u`,
        [itemId],
      );
      if (taken.length === 0) throw new ApiException(HttpStatus.CONFLICT, 'OUT_OF_STOCK', 'the item is out of stock');
      const [{ id }]: Array<{ id: number }> = await em.query(
        `INSERT INTO redemptions (item_id, user_id, price) VALUES ($1, $2, $3) RETURNING id`,
        [itemId, actor.userId, item.row.price],
      );
      await this.ledger.spend(em, { userId: actor.userId, communityId: item.row.communityId, points: item.row.price, reason: `爱心屋兑换：${item.row.name}`, sourceKind: 'redemption', sourceId: id, now });
      return id;
    });
    return this.one(id);
  }

  async redemptions(actor: Actor) {
    const params: unknown[] = [actor.userId];
    const rows = await this.db.query(
      `${REDEMPTION} JOIN org_units c ON c.id = i.community_id
        WHERE r.user_id = $1 OR ${communitiesSql(actor, params, STAFF_ROLES)}
        ORDER BY (r.status = 'pending') DESC, r.id DESC LIMIT 200`,
      params,
    );
    return { items: rows };
  }

  /** 核销: staff hand the item over; the guard makes a second hand-over (or one after a cancel) a 409. */
  async handOver(actor: Actor, id: number) {
    const r = await this.redemption(actor, id);
    staffOnly(r.staff);
    await this.decide(this.db.manager, id, 'handed_over', actor.userId);
    return this.one(id);
  }

  /** A pending redemption is cancelled by its resident or by staff: the spend is reversed and the stock restored. */
  async cancel(actor: Actor, id: number) {
    const r = await this.redemption(actor, id);
    if (!r.staff && r.row.userId !== actor.userId) throw new ApiException(HttpStatus.FORBIDDEN, 'ROLE_NOT_ALLOWED', 'only the resident or the community’s staff cancel a redemption');
    await this.db.transaction(async (em) => {
      await this.decide(em, id, 'cancelled', actor.userId);
      await em.query(`UPDATE shop_items SET stock = stock + 1 WHERE id = $1`, [r.row.itemId]);
      await this.ledger.reverse(em, r.row.userId, 'spend', 'redemption', id, `取消兑换：${r.row.itemName}`, this.clock.now());
    });
    return this.one(id);
  }

  private async decide(em: EntityManager, id: number, to: 'handed_over' | 'cancelled', by: number) {
    const done: unknown[] = await em.query(
      `WITH u AS (UPDATE redemptions SET status = $2, decided_by = $3, decided_at = now() WHERE id = $1 AND status = 'pending' RETURNING id) SELECT id FROM u`,
      [id, to, by],
    );
    if (done.length === 0) throw new ApiException(HttpStatus.CONFLICT, 'POINTS_STATE_CHANGED', 'the redemption is no longer pending');
  }

  private async item(actor: Actor, id: number, residents: boolean) {
    const rows: Array<{ id: number; communityId: number; name: string; price: number }> = await this.db.query(`${ITEM} WHERE i.id = $1`, [id]);
    if (!rows[0]) throw ApiException.notFound('shop item');
    const a = await communityAccess(this.db, actor, rows[0].communityId, residents);
    if (!a.visible) throw ApiException.notFound('shop item');
    return { row: rows[0], ...a };
  }

  private async redemption(actor: Actor, id: number) {
    const rows: Array<{ id: number; itemId: number; itemName: string; userId: number; communityId: number }> = await this.db.query(`${REDEMPTION} WHERE r.id = $1`, [id]);
    const row = rows[0];
    if (!row) throw ApiException.notFound('redemption');
    const a = await communityAccess(this.db, actor, row.communityId, false);
    if (!a.staff && row.userId !== actor.userId) throw ApiException.notFound('redemption');
    return { row, staff: a.staff };
  }

  private async one(id: number) {
    return (await this.db.query(`${REDEMPTION} WHERE r.id = $1`, [id]))[0];
  }
}
