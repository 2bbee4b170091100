import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Intake channels: staff entering 12345 hotline, walk-in and patrol cases. A hotline case number
 * is unique (NULLs are distinct in a Postgres unique index, so other channels are unaffected):
 * the bulk import relies on it to skip cases already entered, even when two imports race.
 */
export class IntakeChannels1795300000200 implements MigrationInterface {
  name = 'IntakeChannels1795300000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "tickets" ADD "hotline_case_no" character varying(40)`);
    await q.query(`ALTER TABLE "tickets" ADD "called_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "tickets" ADD "caller_name" character varying(50)`);
    await q.query(`CREATE UNIQUE INDEX "uq_tickets_hotline_case_no" ON "tickets" ("hotline_case_no")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."uq_tickets_hotline_case_no"`);
    await q.query(`ALTER TABLE "tickets" DROP COLUMN "caller_name"`);
    await q.query(`ALTER TABLE "tickets" DROP COLUMN "called_at"`);
    await q.query(`ALTER TABLE "tickets" DROP COLUMN "hotline_case_no"`);
  }
}
