import { HttpStatus, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ApiException } from '../common/api.exception';
import type { PointsRuleKind } from './points-rule.entity';
import type { PointsEntryKind, PointsSourceKind } from './points-entry.entity';
import { shanghaiDay } from './points-clock.service';

export interface EntryInput {
  userId: number;
  communityId: number;
  kind: PointsEntryKind;
  points: number;
  reason: string;
  sourceKind: PointsSourceKind;
  sourceId: number;
  now: Date;
}

export interface EarnInput {
  userId: number;
  communityId: number;
  rule: PointsRuleKind;
  /** How many units the rule's points are for: tenths of an hour for activity_hour, 1 otherwise. */
  units: number;
  sourceKind: PointsSourceKind;
  sourceId: number;
  reason: string;
  now: Date;
}

const RULE_UNIT_DIVISOR: Record<PointsRuleKind, number> = { activity_hour: 10, report_confirmed: 1, survey_answered: 1 };

/**
 * The only writer of the points ledger. Every write locks the resident's balance row first
 * (SELECT … FOR UPDATE), so a resident's entries are appended one at a time: two redemptions racing
 * see each other's spend, and a cap is summed over a stable set of lines. The balance row is moved
 * by the same amount as the line, in the same transaction, so balance = sum(points) always holds.
 */
@Injectable()
export class PointsLedger {
  async lock(em: EntityManager, userId: number): Promise<number> {
    await em.query('INSERT INTO points_accounts (user_id) VALUES ($1) ON CONFLICT DO NOTHING', [userId]);
    const [row]: Array<{ balance: number }> = await em.query('SELECT balance FROM points_accounts WHERE user_id = $1 FOR UPDATE', [userId]);
    return row.balance;
  }

  /** Appends one line unless its source key is already there (idempotent); returns its id, or null for a repeat. */
  async append(em: EntityManager, e: EntryInput): Promise<string | null> {
    await this.lock(em, e.userId);
    const rows: Array<{ id: string }> = await em.query(
      `INSERT INTO points_entries (user_id, community_id, kind, points, reason, source_kind, source_id, day, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (user_id, kind, source_kind, source_id) DO NOTHING RETURNING id`,
      [e.userId, e.communityId, e.kind, e.points, e.reason.slice(0, 200), e.sourceKind, e.sourceId, shanghaiDay(e.now), e.now],
    );
    if (rows.length === 0) return null;
    await em.query('UPDATE points_accounts SET balance = balance + $2 WHERE user_id = $1', [e.userId, e.points]);
    return String(rows[0].id);
  }

  /**
   * Earns by a rule, bounded by its daily cap (per person, per Shanghai day, per rule). A capped
   * event still gets its line, with 0 points and the reason saying so: the resident sees why, and
   * the same event cannot earn later (a next day's retry would otherwise slip past the cap).
   * No rule configured: nothing is written.
   */
  async earn(em: EntityManager, e: EarnInput): Promise<string | null> {
    const rule = await this.rule(em, e.communityId, e.rule);
    if (!rule) return null;
    await this.lock(em, e.userId);
    const [{ used }]: Array<{ used: number }> = await em.query(
      `SELECT COALESCE(sum(points), 0)::int AS used FROM points_entries
        WHERE user_id = $1 AND kind = 'earn' AND source_kind = $2 AND day = $3`,
      [e.userId, e.sourceKind, shanghaiDay(e.now)],
    );
    const full = Math.floor((rule.points * e.units) / RULE_UNIT_DIVISOR[e.rule]);
    const granted = Math.max(0, Math.min(full, rule.daily_cap - used));
    const reason = granted < full ? `${e.reason}（今日已达上限 ${rule.daily_cap} 分）` : e.reason;
    return this.append(em, { ...e, kind: 'earn', points: granted, reason });
  }

  /**
   * Takes back the earn (or gives back the spend) of a source. An earn is taken back at most down to
   * a zero balance: points already spent at the 爱心屋 are not turned into a debt (the balance can
   * never be negative), and the line's reason says how much could not be taken back.
   */
  async reverse(em: EntityManager, userId: number, of: 'earn' | 'spend', sourceKind: PointsSourceKind, sourceId: number, reason: string, now: Date): Promise<string | null> {
    const rows: Array<{ points: number; community_id: number }> = await em.query(
      `SELECT points, community_id FROM points_entries WHERE user_id = $1 AND kind = $2 AND source_kind = $3 AND source_id = $4`,
      [userId, of, sourceKind, sourceId],
    );
    const original = rows[0];
    if (!original || original.points === 0) return null;
    // Lines never change, so reading the original before the lock is safe; the balance is read under it.
    const balance = await this.lock(em, userId);
    const points = of === 'earn' ? -Math.min(original.points, balance) : -original.points;
    const short = of === 'earn' && -points < original.points ? `（余额不足，少扣 ${original.points + points} 分）` : '';
    return this.append(em, { userId, communityId: original.community_id, kind: 'reverse', points, reason: reason + short, sourceKind, sourceId, now });
  }

  /** Spends for a redemption; 409 when the balance does not cover it (checked under the row lock). */
  async spend(em: EntityManager, e: Omit<EntryInput, 'kind'>): Promise<string> {
    const balance = await this.lock(em, e.userId);
    if (balance < e.points) {
      throw new ApiException(HttpStatus.CONFLICT, 'POINTS_INSUFFICIENT', `balance ${balance} does not cover ${e.points} points`);
    }
    const id = await this.append(em, { ...e, kind: 'spend', points: -e.points });
    if (!id) throw new ApiException(HttpStatus.CONFLICT, 'POINTS_STATE_CHANGED', 'this redemption was already paid');
    return id;
  }

  /** The community's own rule, else its district's. */
  private async rule(em: EntityManager, communityId: number, kind: PointsRuleKind) {
    const rows: Array<{ points: number; daily_cap: number }> = await em.query(
      `SELECT r.points, r.daily_cap FROM points_rules r JOIN org_units c ON c.id = $1
        WHERE r.kind = $2 AND r.org_unit_id IN (c.id, c.district_id)
        ORDER BY (r.org_unit_id = c.id) DESC LIMIT 1`,
      [communityId, kind],
    );
    return rows[0] ?? null;
  }
}
