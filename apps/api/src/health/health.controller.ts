import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { Public } from '../common/public.decorator';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly db: DataSource) {}

  @Public()
  @Get()
  @ApiOperation({ summary: '200 when the database answers, 503 otherwise' })
  async health(@Res() reply: FastifyReply) {
    const started = Date.now();
    try {
      await this.db.query('SELECT 1');
      void reply.status(HttpStatus.OK).send({ status: 'ok', database: { status: 'up', ms: Date.now() - started } });
    } catch {
      void reply.status(HttpStatus.SERVICE_UNAVAILABLE).send({ status: 'down', database: { status: 'down' } });
    }
  }
}
