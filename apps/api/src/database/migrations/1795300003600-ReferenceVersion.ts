import type { MigrationInterface, QueryRunner } from 'typeorm';

const TABLES = ['categories', 'org_units'];

/**
 * Issue #12: an admin's change to categories or the org tree applies at once in every process.
 * ReferenceCache (intake's categories, compounds and buildings) compares config_versions('reference')
 * before trusting its copy; a statement trigger bumps it inside the changing transaction, whoever
 * writes (API, seed, psql). Organizations and compound contracts are not cached anywhere, so they need no row.
 */
export class ReferenceVersion1795300003600 implements MigrationInterface {
  name = 'ReferenceVersion1795300003600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`INSERT INTO "config_versions" ("name", "version") VALUES ('reference', 1) ON CONFLICT ("name") DO NOTHING`);
    await q.query(`CREATE FUNCTION bump_reference_config_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE config_versions SET version = version + 1 WHERE name = 'reference';
        RETURN NULL;
      END $$`);
    for (const table of TABLES) {
      await q.query(`CREATE TRIGGER ${table}_bump_reference_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "${table}"
                     FOR EACH STATEMENT EXECUTE FUNCTION bump_reference_config_version()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of TABLES) await q.query(`DROP TRIGGER ${table}_bump_reference_version ON "${table}"`);
    await q.query(`DROP FUNCTION bump_reference_config_version()`);
    await q.query(`DELETE FROM "config_versions" WHERE "name" = 'reference'`);
  }
}
