import { Injectable } from '@nestjs/common';
import { ROLE_LABELS } from '@red-butler/domain';
import { DataSource } from 'typeorm';
import type { Actor } from '../access/actor';
import { ActorService } from '../access/actor.service';
import { ApiException } from '../common/api.exception';
import type { UpdateMeDto } from '../auth/dto/update-me.dto';

@Injectable()
export class MeService {
  constructor(
    private readonly db: DataSource,
    private readonly actors: ActorService,
  ) {}

  async describe(actor: Actor) {
    const scopeIds = actor.bindings.flatMap((b) => (b.orgUnitId ? [b.orgUnitId] : []));
    const orgIds = actor.bindings.flatMap((b) => (b.organizationId ? [b.organizationId] : []));
    const unitIds = [...scopeIds, ...(actor.adminStreets ?? []), actor.compoundId, actor.buildingId].filter((id): id is number => id !== null);
    const [units, orgs]: [Array<{ id: number; name: string; kind: string }>, Array<{ id: number; name: string; kind: string }>] =
      await Promise.all([
        this.db.query('SELECT id, name, kind FROM org_units WHERE id = ANY($1)', [unitIds]),
        this.db.query('SELECT id, name, kind FROM organizations WHERE id = ANY($1)', [orgIds]),
      ]);
    const unit = (id: number | null) => units.find((u) => u.id === id) ?? null;
    const org = (id: number | null) => orgs.find((o) => o.id === id) ?? null;
    return {
      id: actor.userId,
      displayName: actor.displayName,
      phone: actor.phone,
      // A street admin is listed as an admin (the client offers 人员管理 and 操作日志; the API answers 403 elsewhere).
      roles: [...new Set([...actor.bindings.map((b) => b.role), ...((actor.adminStreets ?? []).length > 0 ? (['admin'] as const) : [])])],
      scopes: actor.bindings.map((b) => ({
        role: b.role,
        roleLabel: ROLE_LABELS[b.role],
        orgUnit: b.orgUnitId ? unit(b.orgUnitId) : null,
        organization: b.organizationId ? org(b.organizationId) : null,
      })).concat((actor.adminStreets ?? []).map((id) => ({ role: 'admin' as const, roleLabel: ROLE_LABELS.admin, orgUnit: unit(id), organization: null }))),
      compound: unit(actor.compoundId),
      building: unit(actor.buildingId),
    };
  }

  async update(actor: Actor, dto: UpdateMeDto) {
    const compoundId = dto.compoundId ?? (dto.buildingId ? actor.compoundId : undefined);
    if (dto.compoundId !== undefined) {
      const found: unknown[] = await this.db.query(`SELECT 1 FROM org_units WHERE id = $1 AND kind = 'compound'`, [dto.compoundId]);
      if (found.length === 0) throw ApiException.invalidReference('compoundId', 'no such compound');
    }
    if (dto.buildingId !== undefined) {
      const found: unknown[] = await this.db.query(
        `SELECT 1 FROM org_units WHERE id = $1 AND kind = 'building' AND parent_id = $2`,
        [dto.buildingId, compoundId],
      );
      if (found.length === 0) throw ApiException.invalidReference('buildingId', 'no such building in the compound');
    }
    await this.db.query(
      `UPDATE users SET display_name = coalesce($2, display_name), phone = coalesce($3, phone),
              compound_id = coalesce($4, compound_id),
              building_id = CASE WHEN $4::int IS NOT NULL AND $5::int IS NULL THEN NULL ELSE coalesce($5, building_id) END,
              updated_at = now()
        WHERE id = $1`,
      [actor.userId, dto.displayName ?? null, dto.phone ?? null, dto.compoundId ?? null, dto.buildingId ?? null],
    );
    this.actors.forget(actor.userId);
    const fresh = await this.actors.load(actor.userId);
    return this.describe(fresh as Actor);
  }
}
