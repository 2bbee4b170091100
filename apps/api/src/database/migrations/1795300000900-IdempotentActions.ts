import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotency-Key on every state-changing ticket action, not only on 点单: a key now records the
 * request it guards (`route` = method and path; `request_hash` = its body) and the answer it got
 * (`response_status`, `response_body`), so that a retry is answered with the first answer. Rows
 * written by 点单 before this migration are all `POST /api/tickets`. Keys are kept 24 hours; the
 * index on `created_at` lets each new key delete a few expired ones cheaply, and the keys already
 * past that age are deleted here once.
 */
export class IdempotentActions1795300000900 implements MigrationInterface {
  name = 'IdempotentActions1795300000900';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "idempotency_keys" ADD "route" character varying(200) NOT NULL DEFAULT 'POST /api/tickets'`);
    await q.query(`ALTER TABLE "idempotency_keys" ALTER COLUMN "route" DROP DEFAULT`);
    await q.query(`ALTER TABLE "idempotency_keys" ADD "response_status" smallint`);
    await q.query(`ALTER TABLE "idempotency_keys" ADD "response_body" json`);
    await q.query(`DELETE FROM "idempotency_keys" WHERE "created_at" < now() - interval '24 hours'`);
    await q.query(`CREATE INDEX "idx_idempotency_keys_created_at" ON "idempotency_keys" ("created_at")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "idx_idempotency_keys_created_at"`);
    // The old table only knew 点单's keys.
    await q.query(`DELETE FROM "idempotency_keys" WHERE "route" <> 'POST /api/tickets'`);
    await q.query(`ALTER TABLE "idempotency_keys" DROP COLUMN "response_body"`);
    await q.query(`ALTER TABLE "idempotency_keys" DROP COLUMN "response_status"`);
    await q.query(`ALTER TABLE "idempotency_keys" DROP COLUMN "route"`);
  }
}
