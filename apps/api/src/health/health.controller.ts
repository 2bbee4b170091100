import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiDoc } from '../common/openapi/api-doc.decorator';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../common/public.decorator';
import { ReadinessService } from './readiness.service';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly readiness: ReadinessService) {}

  /** Liveness: the process answers. No dependency is asked, so an outage elsewhere never restarts the API. */
  @Public()
  @Get()
  @ApiOperation({ summary: 'Liveness: 200 while the process runs (checks no dependency)' })
  @ApiDoc('Health', [])
  live() {
    return { status: 'ok' };
  }

  @Public()
  @Get('ready')
  @ApiOperation({ summary: 'Readiness: 200 when PostgreSQL and Redis answer and no migration is pending; 503 naming the failed check otherwise' })
  @ApiDoc('Readiness', [503])
  async ready(@Res() reply: FastifyReply) {
    const { ready, checks } = await this.readiness.check();
    const failed = Object.entries(checks).filter(([, c]) => c.status !== 'up' && c.status !== 'current').map(([name]) => name);
    // Statuses and pending migration names only; the errors (hosts, ports) go to the log.
    const body = Object.fromEntries(Object.entries(checks).map(([name, { error: _error, ...rest }]) => [name, rest]));
    void reply.status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).send({ status: ready ? 'ready' : 'not_ready', failed, checks: body });
  }
}
