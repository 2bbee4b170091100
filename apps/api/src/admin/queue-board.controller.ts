import { Controller, Headers, HttpCode, HttpStatus, Inject, Post, Res } from '@nestjs/common';
import { ApiDoc, READ_ERRORS } from '../common/openapi/api-doc.decorator';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { hasRole, type Actor } from '../access/actor';
import { ApiException } from '../common/api.exception';
import { CurrentActor } from '../common/current-actor.decorator';
import { AppConfig } from '../config/app-config';
import { BOARD_COOKIE, BOARD_PATH } from './queue-board';

@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/queues')
export class QueueBoardController {
  constructor(@Inject(AppConfig) private readonly config: AppConfig) {}

  @Post('session')
  @HttpCode(200)
  @ApiOperation({ summary: 'Open the queue dashboard in a browser: sets an HttpOnly cookie for /admin/queues (1 h)' })
  @ApiDoc('QueueBoardSession', READ_ERRORS)
  session(@CurrentActor() actor: Actor, @Headers('authorization') authorization: string, @Res({ passthrough: true }) reply: FastifyReply) {
    if (!hasRole(actor, 'admin')) throw new ApiException(HttpStatus.FORBIDDEN, 'FORBIDDEN', 'the queue dashboard is for admins');
    const secure = this.config.NODE_ENV === 'production' ? '; Secure' : '';
    void reply.header('set-cookie', `${BOARD_COOKIE}=${encodeURIComponent(authorization.slice(7))}; Path=${BOARD_PATH}; HttpOnly; SameSite=Strict; Max-Age=3600${secure}`);
    return { url: BOARD_PATH };
  }
}
