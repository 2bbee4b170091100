import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DuplicateReports1795300000300 implements MigrationInterface {
  name = 'DuplicateReports1795300000300';

  async up(q: QueryRunner): Promise<void> {
    // cube + earthdistance ship with PostgreSQL (contrib): distances in metres on a sphere, and a
    // GiST index over ll_to_earth(lat, lng) that `earth_box(...) @> ll_to_earth(...)` can use, so
    // the 100 m duplicate search never scans the tickets table.
    await q.query(`CREATE EXTENSION IF NOT EXISTS cube`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS earthdistance`);
    // An expression index TypeORM cannot describe on the entity (the drift check does not see it).
    await q.query(`CREATE INDEX "idx_tickets_earth" ON "tickets" USING gist (ll_to_earth("lat", "lng")) WHERE "lat" IS NOT NULL AND "lng" IS NOT NULL`);
    await q.query(`CREATE INDEX "idx_tickets_building_category" ON "tickets" ("building_id", "category_id") `);
    await q.query(`CREATE TABLE "ticket_followers" ("ticket_id" integer NOT NULL, "user_id" integer NOT NULL, "source" character varying(10) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_42b2a15569b2826647a131527df" PRIMARY KEY ("ticket_id", "user_id"))`);
    await q.query(`CREATE INDEX "idx_ticket_followers_user" ON "ticket_followers" ("user_id", "ticket_id") `);
    await q.query(`ALTER TABLE "ticket_followers" ADD CONSTRAINT "FK_3eb4056ddb87cdadefa1ab75fbe" FOREIGN KEY ("ticket_id") REFERENCES "tickets"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "ticket_followers" ADD CONSTRAINT "FK_2c47e009f737449f7f4d9e4501a" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "ticket_followers" DROP CONSTRAINT "FK_2c47e009f737449f7f4d9e4501a"`);
    await q.query(`ALTER TABLE "ticket_followers" DROP CONSTRAINT "FK_3eb4056ddb87cdadefa1ab75fbe"`);
    await q.query(`DROP INDEX "public"."idx_ticket_followers_user"`);
    await q.query(`DROP TABLE "ticket_followers"`);
    await q.query(`DROP INDEX "public"."idx_tickets_building_category"`);
    await q.query(`DROP INDEX "public"."idx_tickets_earth"`);
    // The extensions stay: other objects may have come to depend on them.
  }
}
