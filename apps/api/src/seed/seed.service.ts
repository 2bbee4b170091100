import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_WORKING_CALENDAR, PRIORITIES, shanghaiDate, type OrgUnitKind } from '@red-butler/domain';
import { FALLBACK_POLICY } from '../sla/sla.service';
import type { DataSource, EntityManager } from 'typeorm';
import { hashPassword } from '../auth/password.util';
import { seedRegisters } from '../owners/register-seed';
import { seedDisclosures } from '../disclosures/disclosure-seed';
import type { SeedCategory, SeedCompound, SeedData } from './seed-data.types';
import { seedNotices } from '../supervision/supervision.seed';
import { seedPoints } from '../points/points.seed';
import { seedSitePlans } from '../site-plans/site-plans.seed';

export const DEFAULT_SEED_FILE = resolve(__dirname, '../../../../seeds/demo.json');
export const DEMO_PASSWORD = 'hgj-demo-2026';

interface Ancestors {
  district_id: number | null;
  street_id: number | null;
  community_id: number | null;
  grid_id: number | null;
  compound_id: number | null;
}

export interface SeedSummary {
  units: number;
  organizations: number;
  categories: number;
  users: number;
}

export function readSeedFile(path = DEFAULT_SEED_FILE): SeedData {
  return JSON.parse(readFileSync(path, 'utf8')) as SeedData;
}

/**
 * Loads demo data. Every row is upserted by its code (users by username), so running it again
 * changes nothing and never duplicates; one transaction, so a bad file leaves no half-seeded state.
 * Passwords are set only when an account is created: a changed demo password survives a re-seed.
 */
/** A contract date of the seed file: an ISO date, or `+Ny` (31 December, N years after `now`'s year). */
export function contractDate(value: string, now: Date): string {
  const relative = /^\+(\d{1,2})y$/.exec(value);
  if (!relative) return value;
  return `${Number(shanghaiDate(now).slice(0, 4)) + Number(relative[1])}-12-31`;
}

export async function seed(db: DataSource, data: SeedData, password = DEMO_PASSWORD, now = new Date()): Promise<SeedSummary> {
  return db.transaction(async (em) => {
    const units = new Map<string, number>();
    const unit = async (kind: OrgUnitKind, code: string, name: string, parent: number | null, up: Ancestors, extra: Partial<SeedCompound> = {}) => {
      const [row]: Array<{ id: number }> = await em.query(
        `INSERT INTO org_units (kind, code, name, parent_id, district_id, street_id, community_id, grid_id, compound_id, address, lat, lng, households)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
         ON CONFLICT (code) DO UPDATE SET kind = EXCLUDED.kind, name = EXCLUDED.name, parent_id = EXCLUDED.parent_id,
           address = EXCLUDED.address, lat = EXCLUDED.lat, lng = EXCLUDED.lng, households = EXCLUDED.households
         RETURNING id`,
        [kind, code, name, parent, up.district_id, up.street_id, up.community_id, up.grid_id, up.compound_id,
         extra.address ?? null, extra.lat ?? null, extra.lng ?? null, extra.households ?? null],
      );
      // A unit is its own ancestor of its kind, so `street_id = :scope` also finds the street itself.
      const column = `${kind}_id`;
      if (['district', 'street', 'community', 'grid', 'compound'].includes(kind)) {
        await em.query(`UPDATE org_units SET ${column} = id WHERE id = $1`, [row.id]);
      }
      units.set(code, row.id);
      return row.id;
    };

    const d = data.district;
    const districtId = await unit('district', d.code, d.name, null, { district_id: null, street_id: null, community_id: null, grid_id: null, compound_id: null });
    for (const s of d.streets) {
      const streetId = await unit('street', s.code, s.name, districtId, { district_id: districtId, street_id: null, community_id: null, grid_id: null, compound_id: null });
      for (const c of s.communities) {
        const communityId = await unit('community', c.code, c.name, streetId, { district_id: districtId, street_id: streetId, community_id: null, grid_id: null, compound_id: null });
        for (const g of c.grids) {
          const gridId = await unit('grid', g.code, g.name, communityId, { district_id: districtId, street_id: streetId, community_id: communityId, grid_id: null, compound_id: null });
          for (const cp of g.compounds) {
            const up = { district_id: districtId, street_id: streetId, community_id: communityId, grid_id: gridId, compound_id: null };
            const compoundId = await unit('compound', cp.code, cp.name, gridId, up, cp);
            for (const b of cp.buildings) {
              await unit('building', b.code, b.name, compoundId, { ...up, compound_id: compoundId }, { households: b.households });
            }
            if (cp.ownersCommittee) {
              await em.query(
                `INSERT INTO owners_committees (compound_id, kind, name) VALUES ($1, $2, $3)
                 ON CONFLICT (compound_id) DO UPDATE SET kind = EXCLUDED.kind, name = EXCLUDED.name`,
                [compoundId, cp.ownersCommittee.kind, cp.ownersCommittee.name],
              );
            }
          }
        }
      }
    }

    const orgs = new Map<string, number>();
    const organization = async (kind: 'property_company' | 'department', code: string, name: string, shortName: string | null, phone: string, isFallback: boolean) => {
      const [row]: Array<{ id: number }> = await em.query(
        `INSERT INTO organizations (kind, code, name, short_name, phone, district_id, is_fallback) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (code) DO UPDATE SET kind = EXCLUDED.kind, name = EXCLUDED.name, short_name = EXCLUDED.short_name,
           phone = EXCLUDED.phone, district_id = EXCLUDED.district_id, is_fallback = EXCLUDED.is_fallback
         RETURNING id`,
        [kind, code, name, shortName, phone, districtId, isFallback],
      );
      orgs.set(code, row.id);
    };
    for (const c of data.companies) await organization('property_company', c.code, c.name, null, c.phone, !!c.stateOwnedFallback);
    for (const dep of data.departments) await organization('department', dep.code, dep.name, dep.shortName, dep.phone, false);

    const compoundIds = [...units.entries()].filter(([code]) => data.companies.some((c) => c.contracts.some((k) => k.compound === code))).map(([, id]) => id);
    await em.query('DELETE FROM compound_contracts WHERE compound_id = ANY($1)', [compoundIds]);
    for (const c of data.companies) {
      for (const k of c.contracts) {
        await em.query(
          'INSERT INTO compound_contracts (compound_id, organization_id, kind, starts_on, ends_on) VALUES ($1, $2, $3, $4, $5)',
          [ref(units, k.compound), ref(orgs, c.code), k.kind, k.from, contractDate(k.to, now)],
        );
      }
    }

    for (const [i, c] of data.categories.entries()) {
      await em.query(
        `INSERT INTO categories (code, name, group_name, icon, handler_kind, department_id, default_priority, keywords, sort_order, publicly_listed)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, group_name = EXCLUDED.group_name, icon = EXCLUDED.icon,
           handler_kind = EXCLUDED.handler_kind, department_id = EXCLUDED.department_id,
           default_priority = EXCLUDED.default_priority, keywords = EXCLUDED.keywords, sort_order = EXCLUDED.sort_order,
           publicly_listed = EXCLUDED.publicly_listed`,
        [c.code, c.name, c.group, c.icon, c.handlerKind, c.department ? ref(orgs, c.department) : null, c.priority, c.keywords, i, c.publiclyListed === true],
      );
    }

    await seedSla(em, data);
    await seedUsers(em, data, units, orgs, password);
    await seedRegisters(em, data, units);
    await seedNotices(em, data.supervisionNotices, now);
    await seedDisclosures(em, data, now);
    await seedPoints(em, data.points, units);
    await seedSitePlans(em, data, units);
    return { units: units.size, organizations: orgs.size, categories: data.categories.length, users: data.users.length };
  });
}

async function seedUsers(em: EntityManager, data: SeedData, units: Map<string, number>, orgs: Map<string, number>, password: string) {
  const hashes = await Promise.all(data.users.map(() => hashPassword(password)));
  for (const [i, u] of data.users.entries()) {
    const [row]: Array<{ id: number }> = await em.query(
      `INSERT INTO users (username, display_name, phone, password_hash, compound_id, building_id) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (username) WHERE username IS NOT NULL DO UPDATE SET display_name = EXCLUDED.display_name,
         phone = EXCLUDED.phone, compound_id = EXCLUDED.compound_id, building_id = EXCLUDED.building_id
       RETURNING id`,
      [u.username, u.displayName, u.phone, hashes[i], u.compound ? ref(units, u.compound) : null, u.building ? ref(units, u.building) : null],
    );
    await em.query('DELETE FROM role_bindings WHERE user_id = $1', [row.id]);
    for (const b of u.roles) {
      await em.query('INSERT INTO role_bindings (user_id, role, org_unit_id, organization_id) VALUES ($1, $2, $3, $4)', [
        row.id,
        b.role,
        b.unit ? ref(units, b.unit) : null,
        b.organization ? ref(orgs, b.organization) : null,
      ]);
    }
  }
}

/**
 * Every category gets a policy for every priority (a staff member may raise or lower a ticket's
 * priority later), from the per-priority defaults, with the category's own overrides on top. The
 * calendar is written only when missing: an admin's edits survive a re-seed.
 */
async function seedSla(em: EntityManager, data: SeedData) {
  for (const c of data.categories) {
    for (const priority of PRIORITIES) {
      const base = FALLBACK_POLICY[priority];
      const o: NonNullable<SeedCategory['sla']>[number] = (c.sla ?? []).find((s) => s.priority === priority) ?? { priority };
      await em.query(
        `INSERT INTO sla_policies (category_id, priority, clock, dispatch_minutes, accept_minutes, resolve_minutes, survey_minutes,
                                   visit_minutes, warn_ratio, escalation_minutes, max_pause_minutes)
         SELECT id, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11 FROM categories WHERE code = $1
         ON CONFLICT (category_id, priority) DO UPDATE SET clock = EXCLUDED.clock, dispatch_minutes = EXCLUDED.dispatch_minutes,
           accept_minutes = EXCLUDED.accept_minutes, resolve_minutes = EXCLUDED.resolve_minutes,
           survey_minutes = EXCLUDED.survey_minutes, visit_minutes = EXCLUDED.visit_minutes, warn_ratio = EXCLUDED.warn_ratio,
           escalation_minutes = EXCLUDED.escalation_minutes, max_pause_minutes = EXCLUDED.max_pause_minutes`,
        [c.code, priority, o.clock ?? base.clock, o.dispatchMinutes ?? base.dispatch_minutes, o.acceptMinutes ?? base.accept_minutes,
         o.resolveMinutes ?? base.resolve_minutes, base.survey_minutes, base.visit_minutes, base.warn_ratio,
         o.escalationMinutes ?? base.escalation_minutes, base.max_pause_minutes],
      );
    }
  }
  await em.query(`INSERT INTO working_calendars (code, data) VALUES ('default', $1) ON CONFLICT (code) DO NOTHING`, [DEFAULT_WORKING_CALENDAR]);
}

function ref(map: Map<string, number>, code: string): number {
  const id = map.get(code);
  if (id === undefined) throw new Error(`seed: unknown code "${code}"`);
  return id;
}
