import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The location index of tickets over ll_to_earth(lat, lng) broke every run with an empty
 * search_path: earthdistance's functions call cube()/earth() unqualified, so autovacuum's
 * `ANALYZE public.tickets` (and pg_restore's index build) failed with `type "earth" does not
 * exist` and tickets was never analyzed. The index now goes through an IMMUTABLE wrapper that
 * pins its own search_path; the queries call the same wrapper, so the planner still matches it.
 */
export class EarthSearchPath1795300000800 implements MigrationInterface {
  name = 'EarthSearchPath1795300000800';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE FUNCTION public.rb_ll_to_earth(lat float8, lng float8) RETURNS public.earth
      LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path = public, pg_temp
      AS $$ SELECT public.ll_to_earth(lat, lng) $$`);
    await q.query(`DROP INDEX "public"."idx_tickets_earth"`);
    await q.query(`CREATE INDEX "idx_tickets_earth" ON "tickets" USING gist (public.rb_ll_to_earth("lat", "lng")) WHERE "lat" IS NOT NULL AND "lng" IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."idx_tickets_earth"`);
    await q.query(`CREATE INDEX "idx_tickets_earth" ON "tickets" USING gist (ll_to_earth("lat", "lng")) WHERE "lat" IS NOT NULL AND "lng" IS NOT NULL`);
    await q.query(`DROP FUNCTION public.rb_ll_to_earth(float8, float8)`);
  }
}
