import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Admin-editable settings (issue #12 part C) and the version counter that lets every process drop its
 * cached SLA policies and working calendar the moment a change commits: a statement trigger on each
 * table bumps config_versions('sla') inside the changing transaction, whoever writes (API, seed, psql).
 */
export class PolicySettings1795300003200 implements MigrationInterface {
  name = 'PolicySettings1795300003200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "admin_settings" ("key" character varying(64) NOT NULL, "value" character varying(200) NOT NULL, "updated_by" integer, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_183ab1d699c433231a67928c766" PRIMARY KEY ("key"))`);
    await q.query(`CREATE TABLE "config_versions" ("name" character varying(32) NOT NULL, "version" bigint NOT NULL DEFAULT '0', CONSTRAINT "PK_cc53400066a179771ed89217e35" PRIMARY KEY ("name"))`);
    await q.query(`ALTER TABLE "admin_settings" ADD CONSTRAINT "FK_9365d415379107212734f869f78" FOREIGN KEY ("updated_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await q.query(`INSERT INTO "config_versions" ("name", "version") VALUES ('sla', 1)`);
    await q.query(`CREATE FUNCTION bump_sla_config_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE config_versions SET version = version + 1 WHERE name = 'sla';
        RETURN NULL;
      END $$`);
    for (const table of ['sla_policies', 'working_calendars']) {
      await q.query(`CREATE TRIGGER ${table}_bump_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "${table}"
                     FOR EACH STATEMENT EXECUTE FUNCTION bump_sla_config_version()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['sla_policies', 'working_calendars']) await q.query(`DROP TRIGGER ${table}_bump_version ON "${table}"`);
    await q.query(`DROP FUNCTION bump_sla_config_version()`);
    await q.query(`ALTER TABLE "admin_settings" DROP CONSTRAINT "FK_9365d415379107212734f869f78"`);
    await q.query(`DROP TABLE "config_versions"`);
    await q.query(`DROP TABLE "admin_settings"`);
  }
}
