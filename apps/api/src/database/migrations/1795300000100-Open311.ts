import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Open311 GeoReport v2: API keys (hash only) and what a 311 client sent beyond the ticket.
 * The `open311` channel is added in place (ADD VALUE): recreating the enum would rewrite tickets.
 */
export class Open3111795300000100 implements MigrationInterface {
  name = 'Open3111795300000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "open311_keys" ("id" SERIAL NOT NULL, "name" character varying(100) NOT NULL, "key_hash" character varying(64) NOT NULL, "key_prefix" character varying(12) NOT NULL, "reporter_id" integer NOT NULL, "created_by" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_used_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_39d9b708f23db00ef03cb44162f" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "IDX_f4c5c94f239bac0e695ab1cf85" ON "open311_keys" ("key_hash") `);
    await q.query(`CREATE TABLE "open311_requests" ("ticket_id" integer NOT NULL, "token" uuid NOT NULL, "api_key_id" integer NOT NULL, "email" character varying(200), "first_name" character varying(50), "last_name" character varying(50), "device_id" character varying(100), "account_id" character varying(100), "media_url" character varying(500), "attributes" jsonb NOT NULL DEFAULT '{}', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_79f4996057a6b0bedaba4992500" PRIMARY KEY ("ticket_id"))`);
    await q.query(`CREATE UNIQUE INDEX "IDX_5102e87645b7fed5deec9462c1" ON "open311_requests" ("token") `);
    await q.query(`CREATE INDEX "IDX_0c17aa9dee28af5376e0847fca" ON "open311_requests" ("api_key_id") `);
    await q.query(`ALTER TYPE "public"."channel" ADD VALUE IF NOT EXISTS 'open311'`);
    await q.query(`ALTER TABLE "open311_keys" ADD CONSTRAINT "FK_17cb34a6b10dbf22dd7d7a15dec" FOREIGN KEY ("reporter_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "open311_keys" ADD CONSTRAINT "FK_16730837ad5dc56297035d98f5d" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "open311_requests" ADD CONSTRAINT "FK_79f4996057a6b0bedaba4992500" FOREIGN KEY ("ticket_id") REFERENCES "tickets"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "open311_requests" ADD CONSTRAINT "FK_0c17aa9dee28af5376e0847fca9" FOREIGN KEY ("api_key_id") REFERENCES "open311_keys"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "open311_requests" DROP CONSTRAINT "FK_0c17aa9dee28af5376e0847fca9"`);
    await q.query(`ALTER TABLE "open311_requests" DROP CONSTRAINT "FK_79f4996057a6b0bedaba4992500"`);
    await q.query(`ALTER TABLE "open311_keys" DROP CONSTRAINT "FK_16730837ad5dc56297035d98f5d"`);
    await q.query(`ALTER TABLE "open311_keys" DROP CONSTRAINT "FK_17cb34a6b10dbf22dd7d7a15dec"`);
    // The 'open311' channel value stays: Postgres cannot drop an enum value, and tickets may carry it.
    await q.query(`DROP INDEX "public"."IDX_0c17aa9dee28af5376e0847fca"`);
    await q.query(`DROP INDEX "public"."IDX_5102e87645b7fed5deec9462c1"`);
    await q.query(`DROP TABLE "open311_requests"`);
    await q.query(`DROP INDEX "public"."IDX_f4c5c94f239bac0e695ab1cf85"`);
    await q.query(`DROP TABLE "open311_keys"`);
  }
}
