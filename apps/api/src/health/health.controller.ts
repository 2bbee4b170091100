import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { ApiRedis } from '../admin/redis.provider';
import { Public } from '../common/public.decorator';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly db: DataSource,
    private readonly redis: ApiRedis,
  ) {}

  @Public()
  @Get()
  @ApiOperation({ summary: '200 when PostgreSQL and Redis answer, 503 otherwise (the body says which is down)' })
  async health(@Res() reply: FastifyReply) {
    const [database, redis] = await Promise.all([
      this.db.query('SELECT 1').then(() => true, () => false),
      this.redis.ping(),
    ]);
    const up = database && redis;
    void reply.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).send({
      status: up ? 'ok' : 'down',
      database: { status: database ? 'up' : 'down' },
      redis: { status: redis ? 'up' : 'down' },
    });
  }
}
