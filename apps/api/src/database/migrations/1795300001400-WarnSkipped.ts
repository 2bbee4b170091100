import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When the worker reaches a leg's warning only after the leg's deadline has passed (it was down or
 * stalled), it sends no "将于 HH:MM 到期" warning for a time already gone: it records the skipped
 * step here and sends the overdue notice alone.
 */
export class WarnSkipped1795300001400 implements MigrationInterface {
  name = 'WarnSkipped1795300001400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "ticket_deadlines" ADD "warn_skipped_at" TIMESTAMP WITH TIME ZONE`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "ticket_deadlines" DROP COLUMN "warn_skipped_at"`);
  }
}
