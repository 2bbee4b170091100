import { HttpStatus, Injectable } from '@nestjs/common';
import { maskPhone, ROLE_LABELS, type Role } from '@red-butler/domain';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../access/actor';
import { ActorService } from '../access/actor.service';
import { ApiException } from '../common/api.exception';
import { AccessCodes, type IssuedCode } from './access-codes.service';
import { requireAdmin, userInReachSql, type AdminReach } from './admin-reach';
import { checkGrant } from './grant-check';
import type { CreateUserDto, GrantRoleDto, ListUsersQuery } from './people.dto';
import { PeopleClock } from './people-clock.service';
import { keysetPage, pageLimitSql } from '../common/keyset-page.util';

const PAGE = 20;

interface UserRow { id: number; username: string | null; display_name: string; phone: string | null; active: boolean; has_password: boolean; created_at: Date }
interface BindingRow { id: number; user_id: number; role: Role; org_unit_id: number | null; unit_name: string | null; unit_kind: string | null; organization_id: number | null; org_name: string | null; org_kind: string | null }

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * 人员管理: staff accounts, their roles and scopes, sign-in codes and deactivation. Every load goes
 * through the admin's reach: a person outside it answers 404, like any object out of scope.
 */
@Injectable()
export class PeopleService {
  constructor(
    private readonly db: DataSource,
    private readonly actors: ActorService,
    private readonly codes: AccessCodes,
    private readonly clock: PeopleClock,
  ) {}

  async list(actor: Actor, q: ListUsersQuery) {
    const reach = requireAdmin(actor, 'manage people');
    const params: unknown[] = [];
    const where = [userInReachSql(reach, 'u', params), `NOT EXISTS (SELECT 1 FROM role_bindings s WHERE s.user_id = u.id AND s.role = 'system')`];
    const p = (v: unknown) => `$${params.push(v)}`;
    if (q.q) {
      const like = p(`%${escapeLike(q.q)}%`);
      where.push(`(u.username ILIKE ${like} OR u.display_name ILIKE ${like} OR u.phone LIKE ${like})`);
    }
    if (q.role) where.push(`EXISTS (SELECT 1 FROM role_bindings f WHERE f.user_id = u.id AND f.role = ${p(q.role)})`);
    if (q.orgUnitId) {
      const unit = p(q.orgUnitId);
      where.push(`EXISTS (SELECT 1 FROM role_bindings f JOIN org_units fu ON fu.id = f.org_unit_id WHERE f.user_id = u.id
                   AND ${unit} IN (fu.id, fu.district_id, fu.street_id, fu.community_id, fu.grid_id, fu.compound_id))`);
    }
    if (q.organizationId) where.push(`EXISTS (SELECT 1 FROM role_bindings f WHERE f.user_id = u.id AND f.organization_id = ${p(q.organizationId)})`);
    if (q.active !== undefined) where.push(`u.active = ${p(q.active)}`);
    if (q.cursor) where.push(`u.id < ${p(q.cursor)}`);
    const rows: UserRow[] = await this.db.query(
      `SELECT u.id, u.username, u.display_name, u.phone, u.active, u.password_hash IS NOT NULL AS has_password, u.created_at
         FROM users u WHERE ${where.join(' AND ')} ORDER BY u.id DESC ${pageLimitSql(PAGE)}`,
      params,
    );
    const { page, nextCursor } = keysetPage(rows, PAGE, (last) => last.id);
    const bindings = await this.bindings(this.db.manager, page.map((r) => r.id));
    return {
      items: page.map((r) => ({ ...this.summary(r, bindings), phone: maskPhone(r.phone) })),
      nextCursor,
    };
  }

  async detail(actor: Actor, id: number) {
    const reach = requireAdmin(actor, 'manage people');
    await this.inReach(this.db.manager, reach, id);
    return this.describe(this.db.manager, id);
  }

  async create(actor: Actor, dto: CreateUserDto) {
    const reach = requireAdmin(actor, 'manage people');
    return this.db.transaction(async (em) => {
      const grants = [];
      for (const [i, g] of dto.roles.entries()) grants.push(await checkGrant(em, reach, g, `roles[${i}].`));
      // A street admin reaches people through their street's bindings: a bare resident would be lost to them at once.
      if (reach.kind === 'streets' && grants.every((g) => g.orgUnitId === null)) throw ApiException.validation('roles', 'name at least one role bound to a unit of your street');
      const rows: Array<{ id: number }> = await em.query(
        `INSERT INTO users (username, display_name, phone) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING id`,
        [dto.username, dto.displayName, dto.phone ?? null],
      );
      if (rows.length === 0) throw ApiException.validation('username', `"${dto.username}" is already taken`);
      const userId = rows[0].id;
      for (const g of grants) await this.insertBinding(em, userId, g);
      const code = await this.codes.issue(em, userId, 'invite', actor.userId);
      return { user: await this.describe(em, userId), code: this.codeView(code) };
    });
  }

  async grant(actor: Actor, userId: number, dto: GrantRoleDto) {
    const reach = requireAdmin(actor, 'manage people');
    const result = await this.db.transaction(async (em) => {
      await this.inReach(em, reach, userId);
      await this.insertBinding(em, userId, await checkGrant(em, reach, dto));
      return this.describe(em, userId);
    });
    await this.actors.revoke(userId);
    return result;
  }

  async revoke(actor: Actor, bindingId: number) {
    const reach = requireAdmin(actor, 'manage people');
    const result = await this.db.transaction(async (em) => {
      const [b]: Array<{ user_id: number; role: Role }> = await em.query('SELECT user_id, role FROM role_bindings WHERE id = $1', [bindingId]);
      if (!b || b.role === 'system') throw ApiException.notFound('role binding');
      await this.inReach(em, reach, b.user_id, 'role binding');
      if (b.user_id === actor.userId && b.role === 'admin') {
        throw new ApiException(HttpStatus.CONFLICT, 'CANNOT_DEACTIVATE_SELF', 'id: an admin cannot remove their own admin role; ask another admin');
      }
      await em.query('DELETE FROM role_bindings WHERE id = $1', [bindingId]);
      return { userId: b.user_id, user: await this.describe(em, b.user_id) };
    });
    await this.actors.revoke(result.userId);
    return result.user;
  }

  /** Ends every session at once: the token version moves on, and every API process forgets the cached caller. */
  async deactivate(actor: Actor, userId: number) {
    const reach = requireAdmin(actor, 'manage people');
    await this.inReach(this.db.manager, reach, userId);
    if (userId === actor.userId) throw new ApiException(HttpStatus.CONFLICT, 'CANNOT_DEACTIVATE_SELF', 'id: an admin cannot deactivate their own account');
    await this.db.query(`UPDATE users SET active = false, token_version = token_version + 1, updated_at = now() WHERE id = $1 AND active`, [userId]);
    await this.actors.revoke(userId);
    return this.describe(this.db.manager, userId);
  }

  async reactivate(actor: Actor, userId: number) {
    const reach = requireAdmin(actor, 'manage people');
    await this.inReach(this.db.manager, reach, userId);
    await this.db.query(`UPDATE users SET active = true, updated_at = now() WHERE id = $1 AND NOT active`, [userId]);
    this.actors.forget(userId);
    return this.describe(this.db.manager, userId);
  }

  /** The old password stops working and every session ends; the person sets a new one with the code. */
  async resetPassword(actor: Actor, userId: number) {
    const reach = requireAdmin(actor, 'manage people');
    const result = await this.db.transaction(async (em) => {
      await this.inReach(em, reach, userId);
      await em.query(`UPDATE users SET password_hash = NULL, token_version = token_version + 1, updated_at = now() WHERE id = $1`, [userId]);
      const code = await this.codes.issue(em, userId, 'reset', actor.userId);
      return { user: await this.describe(em, userId), code: this.codeView(code) };
    });
    await this.actors.revoke(userId);
    return result;
  }

  /** A fresh invitation for someone who never set a password (the first code expired or was lost). */
  async invite(actor: Actor, userId: number) {
    const reach = requireAdmin(actor, 'manage people');
    return this.db.transaction(async (em) => {
      await this.inReach(em, reach, userId);
      const [u]: Array<{ has_password: boolean }> = await em.query('SELECT password_hash IS NOT NULL AS has_password FROM users WHERE id = $1 FOR UPDATE', [userId]);
      if (u.has_password) throw new ApiException(HttpStatus.CONFLICT, 'ACCOUNT_HAS_PASSWORD', 'id: the account already has a password; reset it instead');
      const code = await this.codes.issue(em, userId, 'invite', actor.userId);
      return { user: await this.describe(em, userId), code: this.codeView(code) };
    });
  }

  private codeView(c: IssuedCode) {
    return { code: c.code, purpose: c.purpose, expiresAt: c.expiresAt };
  }

  private async inReach(em: EntityManager, reach: AdminReach, userId: number, what = 'user'): Promise<void> {
    const params: unknown[] = [userId];
    const rows: unknown[] = await em.query(
      `SELECT 1 FROM users u WHERE u.id = $1 AND ${userInReachSql(reach, 'u', params)}
          AND NOT EXISTS (SELECT 1 FROM role_bindings s WHERE s.user_id = u.id AND s.role = 'system')`,
      params,
    );
    if (rows.length === 0) throw ApiException.notFound(what);
  }

  private async insertBinding(em: EntityManager, userId: number, g: { role: Role; orgUnitId: number | null; organizationId: number | null }) {
    // The unique index treats NULL scopes as distinct, so "already held" is checked here.
    await em.query(
      `INSERT INTO role_bindings (user_id, role, org_unit_id, organization_id)
       SELECT $1, $2, $3, $4 WHERE NOT EXISTS (
         SELECT 1 FROM role_bindings WHERE user_id = $1 AND role = $2 AND org_unit_id IS NOT DISTINCT FROM $3::int AND organization_id IS NOT DISTINCT FROM $4::int)`,
      [userId, g.role, g.orgUnitId, g.organizationId],
    );
  }

  private async bindings(em: EntityManager, userIds: number[]): Promise<BindingRow[]> {
    if (userIds.length === 0) return [];
    return em.query(
      `SELECT b.id, b.user_id, b.role, b.org_unit_id, u.name AS unit_name, u.kind AS unit_kind, b.organization_id, o.name AS org_name, o.kind AS org_kind
         FROM role_bindings b LEFT JOIN org_units u ON u.id = b.org_unit_id LEFT JOIN organizations o ON o.id = b.organization_id
        WHERE b.user_id = ANY($1::int[]) ORDER BY b.id`,
      [userIds],
    );
  }

  private summary(r: UserRow, bindings: BindingRow[]) {
    return {
      id: r.id,
      username: r.username,
      displayName: r.display_name,
      phone: r.phone,
      active: r.active,
      hasPassword: r.has_password,
      createdAt: r.created_at,
      roles: bindings.filter((b) => b.user_id === r.id).map((b) => ({
        id: b.id,
        role: b.role,
        roleLabel: ROLE_LABELS[b.role],
        orgUnit: b.org_unit_id ? { id: b.org_unit_id, name: b.unit_name ?? '', kind: b.unit_kind ?? '' } : null,
        organization: b.organization_id ? { id: b.organization_id, name: b.org_name ?? '', kind: b.org_kind ?? '' } : null,
      })),
    };
  }

  private async describe(em: EntityManager, userId: number) {
    const [row]: UserRow[] = await em.query(
      `SELECT id, username, display_name, phone, active, password_hash IS NOT NULL AS has_password, created_at FROM users WHERE id = $1`,
      [userId],
    );
    if (!row) throw ApiException.notFound('user');
    const [code]: Array<{ purpose: string; expires_at: Date }> = await em.query(
      `SELECT purpose, expires_at FROM access_codes WHERE user_id = $1 AND used_at IS NULL AND expires_at > $2 ORDER BY id DESC LIMIT 1`,
      [userId, this.clock.now()],
    );
    return {
      ...this.summary(row, await this.bindings(em, [userId])),
      pendingCode: code ? { purpose: code.purpose, expiresAt: code.expires_at } : null,
    };
  }
}
