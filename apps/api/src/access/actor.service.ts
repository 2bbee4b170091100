import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor, Binding } from './actor';

const TTL_MS = 30_000;

interface Entry {
  actor: Actor;
  /** users.token_version: a token carrying another version has been revoked. */
  tokenVersion: number;
  expires: number;
}

/**
 * Loads the caller and their role bindings. Cached for a short time because every request needs
 * it; a revoked role stops working within TTL_MS. The token version rides along in the same load,
 * so checking it costs nothing per request; the process that revokes (logout, password change)
 * forgets its entry at once, other API processes within TTL_MS.
 */
@Injectable()
export class ActorService {
  private readonly cache = new Map<number, Entry>();
  private readonly revokeListeners: Array<(userId: number) => Promise<void>> = [];

  constructor(private readonly db: DataSource) {}

  async load(userId: number): Promise<Actor | null> {
    return (await this.entry(userId))?.actor ?? null;
  }

  /** The caller of a token: null when the account is gone or disabled, or the token was revoked. */
  async loadForToken(userId: number, tokenVersion: number): Promise<Actor | null> {
    const entry = await this.entry(userId);
    return entry && entry.tokenVersion === tokenVersion ? entry.actor : null;
  }

  forget(userId: number): void {
    this.cache.delete(userId);
  }

  /**
   * Forgets the caller here and tells the other API processes (ActorCacheBus), so a deactivated or
   * reset account's tokens stop working everywhere at once, not after the cache's TTL. Resolves
   * once the news is sent (or could not be: Redis away leaves the TTL as the bound).
   */
  async revoke(userId: number): Promise<void> {
    this.forget(userId);
    await Promise.all(this.revokeListeners.map((l) => l(userId).catch(() => undefined)));
  }

  onRevoke(listener: (userId: number) => Promise<void>): void {
    this.revokeListeners.push(listener);
  }

  private async entry(userId: number): Promise<Entry | null> {
    const hit = this.cache.get(userId);
    if (hit && hit.expires > Date.now()) return hit;
    const loaded = await this.query(userId);
    if (!loaded) {
      this.cache.delete(userId);
      return null;
    }
    const entry = { ...loaded, expires: Date.now() + TTL_MS };
    this.cache.set(userId, entry);
    return entry;
  }

  private async query(userId: number): Promise<Omit<Entry, 'expires'> | null> {
    const users: Array<{ id: number; display_name: string; phone: string | null; compound_id: number | null; building_id: number | null; token_version: number }> =
      await this.db.query(
        'SELECT id, display_name, phone, compound_id, building_id, token_version FROM users WHERE id = $1 AND active',
        [userId],
      );
    if (users.length === 0) return null;
    const rows: Array<{ role: Binding['role']; org_unit_id: number | null; unit_kind: Binding['orgUnitKind']; organization_id: number | null; org_kind: Binding['organizationKind'] }> =
      await this.db.query(
        `SELECT b.role, b.org_unit_id, u.kind AS unit_kind, b.organization_id, o.kind AS org_kind
           FROM role_bindings b
           LEFT JOIN org_units u ON u.id = b.org_unit_id
           LEFT JOIN organizations o ON o.id = b.organization_id
          WHERE b.user_id = $1
          ORDER BY b.id`,
        [userId],
      );
    const user = users[0];
    // An admin binding on a unit below the district (a street admin) grants no district-wide power.
    const streetScopedAdmin = (r: (typeof rows)[number]) => r.role === 'admin' && r.unit_kind !== null && r.unit_kind !== 'district';
    const actor: Actor = {
      userId: user.id,
      displayName: user.display_name,
      phone: user.phone,
      compoundId: user.compound_id,
      buildingId: user.building_id,
      adminStreets: rows.filter((r) => streetScopedAdmin(r) && r.unit_kind === 'street').map((r) => r.org_unit_id as number),
      bindings: rows.filter((r) => !streetScopedAdmin(r)).map((r) => ({
        role: r.role,
        orgUnitId: r.org_unit_id,
        orgUnitKind: r.unit_kind,
        organizationId: r.organization_id,
        organizationKind: r.org_kind,
      })),
    };
    return { actor, tokenVersion: user.token_version };
  }
}
