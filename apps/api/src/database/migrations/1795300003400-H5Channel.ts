import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A resident's report from the H5 build is recorded as `h5`, not as the mini-program it is not.
 * Added in place (ADD VALUE) at the end: recreating the enum would rewrite tickets, and the report
 * rollups address channels by their position in it.
 */
export class H5Channel1795300003400 implements MigrationInterface {
  name = 'H5Channel1795300003400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TYPE "public"."channel" ADD VALUE IF NOT EXISTS 'h5'`);
  }

  async down(): Promise<void> {
    // The 'h5' value stays: Postgres cannot drop an enum value, and tickets may carry it.
  }
}
