import { Body, Controller, Get, HttpStatus, Put } from '@nestjs/common';
import { ApiDoc, ApiJsonBody, READ_ERRORS } from '../common/openapi/api-doc.decorator';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { workingCalendarProblems, type WorkingCalendar } from '@red-butler/domain';
import { DataSource } from 'typeorm';
import { hasRole, type Actor } from '../access/actor';
import { ApiException } from '../common/api.exception';
import { CurrentActor } from '../common/current-actor.decorator';
import { SlaPolicyDto } from './dto/sla-policy.dto';
import { SlaService } from './sla.service';

function requireAdmin(actor: Actor, write: boolean): void {
  const allowed = hasRole(actor, 'admin') || (!write && hasRole(actor, 'supervisor'));
  if (!allowed) throw new ApiException(HttpStatus.FORBIDDEN, 'FORBIDDEN', write ? 'only admins change SLA settings' : 'only admins and supervisors read SLA settings');
}

/** 时限 policies and the working calendar: read by supervisors, changed by admins. */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin')
export class SlaController {
  constructor(
    private readonly db: DataSource,
    private readonly sla: SlaService,
  ) {}

  @Get('sla-policies')
  @ApiOperation({ summary: 'Every policy (category × priority)' })
  @ApiDoc('SlaPolicies', READ_ERRORS)
  async policies(@CurrentActor() actor: Actor) {
    requireAdmin(actor, false);
    const items = await this.db.query(
      `SELECT p.id, p.category_id AS "categoryId", c.name AS "categoryName", p.priority, p.clock,
              p.dispatch_minutes AS "dispatchMinutes", p.accept_minutes AS "acceptMinutes", p.resolve_minutes AS "resolveMinutes",
              p.survey_minutes AS "surveyMinutes", p.visit_minutes AS "visitMinutes", p.warn_ratio AS "warnRatio",
              p.escalation_minutes AS "escalationMinutes", p.max_pause_minutes AS "maxPauseMinutes",
              p.pause_needs_approval AS "pauseNeedsApproval", p.updated_at AS "updatedAt"
         FROM sla_policies p JOIN categories c ON c.id = p.category_id ORDER BY c.sort_order, p.priority`,
    );
    return { items };
  }

  @Put('sla-policies')
  @ApiOperation({ summary: 'Create or change the policy of one category × priority (applies to legs started from now on)' })
  @ApiDoc('SlaPolicy', READ_ERRORS)
  async upsert(@CurrentActor() actor: Actor, @Body() dto: SlaPolicyDto) {
    requireAdmin(actor, true);
    const cat: unknown[] = await this.db.query('SELECT 1 FROM categories WHERE id = $1', [dto.categoryId]);
    if (cat.length === 0) throw ApiException.invalidReference('categoryId', 'no such category');
    const [row]: Array<{ id: number }> = await this.db.query(
      `INSERT INTO sla_policies (category_id, priority, clock, dispatch_minutes, accept_minutes, resolve_minutes, survey_minutes,
                                 visit_minutes, warn_ratio, escalation_minutes, max_pause_minutes, pause_needs_approval)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (category_id, priority) DO UPDATE SET clock = EXCLUDED.clock, dispatch_minutes = EXCLUDED.dispatch_minutes,
         accept_minutes = EXCLUDED.accept_minutes, resolve_minutes = EXCLUDED.resolve_minutes, survey_minutes = EXCLUDED.survey_minutes,
         visit_minutes = EXCLUDED.visit_minutes, warn_ratio = EXCLUDED.warn_ratio, escalation_minutes = EXCLUDED.escalation_minutes,
         max_pause_minutes = EXCLUDED.max_pause_minutes, pause_needs_approval = EXCLUDED.pause_needs_approval, updated_at = now()
       RETURNING id`,
      [dto.categoryId, dto.priority, dto.clock, dto.dispatchMinutes, dto.acceptMinutes, dto.resolveMinutes, dto.surveyMinutes,
       dto.visitMinutes, dto.warnRatio, dto.escalationMinutes, dto.maxPauseMinutes, dto.pauseNeedsApproval ?? false],
    );
    this.sla.invalidate();
    return { id: row.id, ...dto, pauseNeedsApproval: dto.pauseNeedsApproval ?? false };
  }

  @Get('calendar')
  @ApiOperation({ summary: 'The working calendar (hours, holidays, 调休 working weekends)' })
  @ApiDoc('WorkingCalendar', READ_ERRORS)
  async calendar(@CurrentActor() actor: Actor) {
    requireAdmin(actor, false);
    return this.sla.workingCalendar();
  }

  @Put('calendar')
  @ApiOperation({ summary: 'Replace the working calendar, e.g. when the State Council publishes next year’s holidays' })
  @ApiJsonBody('WorkingCalendar')
  @ApiDoc('WorkingCalendar', READ_ERRORS)
  async setCalendar(@CurrentActor() actor: Actor, @Body() body: WorkingCalendar) {
    requireAdmin(actor, true);
    const problems = body && typeof body === 'object' ? workingCalendarProblems(body) : ['body must be a calendar object'];
    if (problems.length) throw new ApiException(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', problems.join('; '), problems.map((message) => ({ field: 'calendar', message })));
    await this.db.query(
      `INSERT INTO working_calendars (code, data) VALUES ('default', $1)
       ON CONFLICT (code) DO UPDATE SET data = EXCLUDED.data, updated_at = now()`,
      [body],
    );
    this.sla.invalidate();
    return this.sla.workingCalendar();
  }
}
