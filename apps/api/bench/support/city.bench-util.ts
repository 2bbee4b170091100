/**
 * A city sized to its tickets. The demo org has 17 compounds in 6 communities; a city with millions
 * of tickets has thousands of compounds, and it is bigger because it has more of them, not because
 * each compound reports more. Loading 5,000,000 tickets into the demo's 17 compounds gave every
 * community a sixth of the city's backlog and ~2,000 open tickets around each compound gate, so the
 * reads bench measured densities no real place has (and could not tell a query that grows with the
 * city from one that grows with a community's work).
 *
 * growCity() adds synthetic streets, communities, grids and compounds (with buildings, a gate on a
 * lattice ~400 m apart so no two compounds' 100 m nearby circles overlap) and property companies
 * (one per ~20 compounds, each with a 物业 manager `bench-manager-<i>` and a contract on each of its
 * compounds) to the demo's district, until the city has `compounds` compounds. The demo's own units,
 * companies and users are untouched, so the demo desks (community, property, supervisor …) keep
 * their scope: a community of the demo still has its 2–3 compounds, the district has the whole city.
 *
 * Call it after seeding and before addResidents() and loadTickets(): both spread over every compound.
 */
import type { Client } from 'pg';
import { mulberry32 } from '../../src/common/seeded-random.util';

const COMPOUNDS_PER_GRID = 4;
const GRIDS_PER_COMMUNITY = 2;
const COMMUNITIES_PER_STREET = 8;
const BUILDINGS_PER_COMPOUND = 4;
const COMPOUNDS_PER_COMPANY = 20;
/** Gates on a lattice north of the demo's compounds (38.47–38.52 N): 0.004° ≈ 440 m north, 350 m east. */
const LATTICE = { lat: 38.56, lng: 106.05, step: 0.004, columns: 60 };

const FIRST = ['金', '银', '凤', '湖', '阅', '海', '兰', '景', '祥', '和', '瑞', '泰', '华', '宁', '安', '康', '嘉', '悦', '锦', '绣', '丽', '润', '翠', '宝'];
const SECOND = ['苑', '园', '府', '湾', '城', '庭', '居', '邸'];
const word = (i: number) => `${FIRST[i % FIRST.length]}${FIRST[Math.floor(i / FIRST.length) % FIRST.length]}`;

export interface GrownCity {
  compounds: number;
  communities: number;
  companies: number;
}

interface Unit {
  id: number;
  kind: 'street' | 'community' | 'grid' | 'compound' | 'building';
  code: string;
  name: string;
  parent: number;
  street: number;
  community: number | null;
  grid: number | null;
  compound: number | null;
  lat: number | null;
  lng: number | null;
  households: number | null;
}

/** Adds compounds (and what holds and serves them) until the city has `target`; returns what it added. */
export async function growCity(db: Client, target: number): Promise<GrownCity> {
  const [{ compounds: have, district, nextUnit, nextOrg, nextUser }] = (
    await db.query<{ compounds: number; district: number; nextUnit: number; nextOrg: number; nextUser: number }>(
      `SELECT (SELECT count(*) FROM org_units WHERE kind = 'compound')::int AS compounds,
              (SELECT min(id) FROM org_units WHERE kind = 'district') AS district,
              (SELECT max(id) + 1 FROM org_units) AS "nextUnit", (SELECT max(id) + 1 FROM organizations) AS "nextOrg",
              (SELECT max(id) + 1 FROM users) AS "nextUser"`,
    )
  ).rows;
  const add = Math.max(0, target - have);
  if (add === 0) return { compounds: 0, communities: 0, companies: 0 };
  const rnd = mulberry32(target);
  const units: Unit[] = [];
  let id = nextUnit;
  let street = 0;
  let community = 0;
  let grid = 0;
  const compoundIds: number[] = [];
  for (let i = 0; i < add; i++) {
    if (i % (COMPOUNDS_PER_GRID * GRIDS_PER_COMMUNITY * COMMUNITIES_PER_STREET) === 0) {
      street = id++;
      const n = street - nextUnit;
      units.push({ id: street, kind: 'street', code: `bench-street-${n}`, name: `${word(n)}路街道`, parent: district, street, community: null, grid: null, compound: null, lat: null, lng: null, households: null });
    }
    if (i % (COMPOUNDS_PER_GRID * GRIDS_PER_COMMUNITY) === 0) {
      community = id++;
      const n = community - nextUnit;
      units.push({ id: community, kind: 'community', code: `bench-community-${n}`, name: `${word(n)}社区`, parent: street, street, community, grid: null, compound: null, lat: null, lng: null, households: null });
    }
    if (i % COMPOUNDS_PER_GRID === 0) {
      grid = id++;
      units.push({ id: grid, kind: 'grid', code: `bench-grid-${grid - nextUnit}`, name: `第${(i / COMPOUNDS_PER_GRID) % GRIDS_PER_COMMUNITY + 1}网格`, parent: community, street, community, grid, compound: null, lat: null, lng: null, households: null });
    }
    const compound = id++;
    compoundIds.push(compound);
    const row = Math.floor(i / LATTICE.columns);
    const column = i % LATTICE.columns;
    units.push({
      id: compound,
      kind: 'compound',
      code: `bench-compound-${i}`,
      name: `${word(i)}${SECOND[i % SECOND.length]}${Math.floor(i / (FIRST.length * FIRST.length * SECOND.length)) || ''}`,
      parent: grid,
      street,
      community,
      grid,
      compound,
      lat: Math.round((LATTICE.lat + row * LATTICE.step) * 1e5) / 1e5,
      lng: Math.round((LATTICE.lng + column * LATTICE.step) * 1e5) / 1e5,
      households: 300 + Math.floor(rnd() * 1700),
    });
    for (let b = 1; b <= BUILDINGS_PER_COMPOUND; b++) {
      units.push({ id: id++, kind: 'building', code: `bench-compound-${i}-b${b}`, name: `${b}号楼`, parent: compound, street, community, grid, compound, lat: null, lng: null, households: 24 + Math.floor(rnd() * 48) });
    }
  }
  const column = <K extends keyof Unit>(k: K) => units.map((u) => u[k]);
  await db.query(
    `INSERT INTO org_units (id, kind, code, name, parent_id, district_id, street_id, community_id, grid_id, compound_id, lat, lng, households)
     SELECT u.id, u.kind::org_unit_kind, u.code, u.name, u.parent, $13::int, u.street, u.community, u.grid, u.compound, u.lat, u.lng, u.households
       FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::int[], $6::int[], $7::int[], $8::int[], $9::int[], $10::float8[], $11::float8[], $12::int[])
            AS u(id, kind, code, name, parent, street, community, grid, compound, lat, lng, households)`,
    [column('id'), column('kind'), column('code'), column('name'), column('parent'), column('street'), column('community'), column('grid'),
      column('compound'), column('lat'), column('lng'), column('households'), district],
  );
  await db.query(`SELECT setval(pg_get_serial_sequence('org_units', 'id'), $1)`, [id - 1]);

  // Property companies, each with a manager and a contract on each of its ~20 compounds.
  const companies = Math.ceil(add / COMPOUNDS_PER_COMPANY);
  const orgIds = Array.from({ length: companies }, (_, i) => nextOrg + i);
  const userIds = orgIds.map((_, i) => nextUser + i);
  await db.query(
    `INSERT INTO organizations (id, kind, code, name, phone, district_id)
     SELECT o.id, 'property_company', 'bench-company-' || o.i, '宁夏' || o.w || '物业服务有限公司', '0951-6' || lpad(o.i::text, 6, '0'), $3
       FROM unnest($1::int[], $2::text[]) WITH ORDINALITY AS o(id, w, i)`,
    [orgIds, orgIds.map((_, i) => `${word(i * 7 + 3)}${word(i)}`), district],
  );
  await db.query(`SELECT setval(pg_get_serial_sequence('organizations', 'id'), $1)`, [orgIds[orgIds.length - 1]]);
  await db.query(
    `WITH u AS (
       INSERT INTO users (id, username, display_name, phone)
       SELECT u.id, 'bench-manager-' || u.i, '物业经理' || u.i, '137' || lpad(u.i::text, 8, '0')
         FROM unnest($1::int[]) WITH ORDINALITY AS u(id, i)
       RETURNING id)
     INSERT INTO role_bindings (user_id, role, organization_id)
     SELECT u.id, 'property_manager', o.id FROM unnest($1::int[], $2::int[]) AS x(uid, oid) JOIN u ON u.id = x.uid JOIN organizations o ON o.id = x.oid`,
    [userIds, orgIds],
  );
  await db.query(`SELECT setval(pg_get_serial_sequence('users', 'id'), $1)`, [userIds[userIds.length - 1]]);
  await db.query(
    `INSERT INTO compound_contracts (compound_id, organization_id, kind, starts_on, ends_on)
     SELECT c.id, $2::int + ((c.i - 1) / $3::int)::int, 'contract', DATE '2020-01-01', DATE '2030-12-31'
       FROM unnest($1::int[]) WITH ORDINALITY AS c(id, i)`,
    [compoundIds, nextOrg, COMPOUNDS_PER_COMPANY],
  );
  await db.query('ANALYZE org_units, organizations, compound_contracts, users, role_bindings');
  return { compounds: add, communities: Math.ceil(add / (COMPOUNDS_PER_GRID * GRIDS_PER_COMMUNITY)), companies };
}
