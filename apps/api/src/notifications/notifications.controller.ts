import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiDoc, ID_ERRORS, READ_ERRORS } from '../common/openapi/api-doc.decorator';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import type { Actor } from '../access/actor';
import { ApiException } from '../common/api.exception';
import { CurrentActor } from '../common/current-actor.decorator';
import { ParseIdPipe } from '../common/parse-id.pipe';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly db: DataSource) {}

  @Get()
  @ApiQuery({ name: 'unread', required: false, enum: ['true', 'false'] })
  @ApiQuery({ name: 'cursor', required: false, schema: { type: 'integer', format: 'int64', minimum: 1 }, description: 'the last id of the previous page' })
  @ApiOperation({ summary: 'The caller’s inbox, newest first' })
  @ApiDoc('Notifications', READ_ERRORS)
  async inbox(@CurrentActor() actor: Actor, @Query('unread') unread?: string, @Query('cursor') cursor?: string) {
    if (cursor !== undefined && !/^[1-9]\d{0,17}$/.test(cursor)) throw ApiException.validation('cursor', 'cursor must be a notification id');
    const rows: Array<{ id: string; ticket_id: number | null; kind: string; title: string; body: string; created_at: Date; read_at: Date | null }> =
      await this.db.query(
        `SELECT id, ticket_id, kind, title, body, created_at, read_at FROM notifications
          WHERE user_id = $1 AND ($2::bool IS NOT TRUE OR read_at IS NULL) AND ($3::bigint IS NULL OR id < $3)
          ORDER BY id DESC LIMIT 51`,
        [actor.userId, unread === 'true', cursor ?? null],
      );
    const [{ n }]: Array<{ n: number }> = await this.db.query('SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL', [actor.userId]);
    const page = rows.slice(0, 50);
    return {
      unread: n,
      items: page.map((r) => ({ id: Number(r.id), ticketId: r.ticket_id, kind: r.kind, title: r.title, body: r.body, createdAt: r.created_at, readAt: r.read_at })),
      nextCursor: rows.length > 50 ? Number(page[page.length - 1].id) : null,
    };
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark one notice read' })
  @ApiDoc('NotificationRead', ID_ERRORS)
  async read(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number) {
    const rows: Array<{ id: string }> = await this.db.query(
      `WITH u AS (UPDATE notifications SET read_at = coalesce(read_at, now()) WHERE id = $1 AND user_id = $2 RETURNING id) SELECT id FROM u`,
      [id, actor.userId],
    );
    if (rows.length === 0) throw ApiException.notFound('notification');
    return { id, read: true };
  }

  @Post('read-all')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark every notice read' })
  @ApiDoc('NotificationsMarked', READ_ERRORS)
  async readAll(@CurrentActor() actor: Actor) {
    const rows: unknown[] = await this.db.query(
      `WITH u AS (UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL RETURNING id) SELECT id FROM u`,
      [actor.userId],
    );
    return { marked: rows.length };
  }
}
