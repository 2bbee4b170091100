import { Body, Controller, Delete, Get, HttpCode, Inject, Ip, Param, Post, Query } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../access/actor';
import type { TokenPayload } from '../auth/auth.service';
import { AppConfig } from '../config/app-config';
import { CurrentActor } from '../common/current-actor.decorator';
import { ACTION_ERRORS, ApiDoc, ID_ERRORS, PUBLIC_ERRORS, READ_ERRORS } from '../common/openapi/api-doc.decorator';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { Public } from '../common/public.decorator';
import { RateLimit } from '../common/rate-limit.decorator';
import { AccessCodes } from './access-codes.service';
import { CreateUserDto, GrantRoleDto, ListUsersQuery, RedeemCodeDto } from './people.dto';
import { PeopleService } from './people.service';

/** 人员管理 (admins; a street admin within their street) and the redemption of a one-time code. */
@ApiTags('admin')
@Controller()
export class PeopleController {
  constructor(
    private readonly people: PeopleService,
    private readonly codes: AccessCodes,
    private readonly jwt: JwtService,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  @ApiBearerAuth()
  @Get('admin/users')
  @ApiOperation({ summary: 'People the admin manages: search by name/username/phone, filter by role, scope, active; newest first' })
  @ApiDoc('UserPage', READ_ERRORS)
  list(@CurrentActor() actor: Actor, @Query() q: ListUsersQuery) {
    return this.people.list(actor, q);
  }

  @ApiBearerAuth()
  @Post('admin/users')
  @ApiOperation({ summary: 'Create an account with its roles; the answer carries the one-time invitation code (shown once)' })
  @ApiDoc('UserWithCode', READ_ERRORS, { status: 201 })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateUserDto) {
    return this.people.create(actor, dto);
  }

  @ApiBearerAuth()
  @Get('admin/users/:id')
  @ApiOperation({ summary: 'One person: roles with scopes, active, whether a code is waiting' })
  @ApiDoc('UserAccount', ID_ERRORS)
  detail(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number) {
    return this.people.detail(actor, id);
  }

  @ApiBearerAuth()
  @Post('admin/users/:id/roles')
  @HttpCode(200)
  @ApiOperation({ summary: 'Grant a role with its scope (the scope must suit the role; a street admin grants inside the street only)' })
  @ApiDoc('UserAccount', ID_ERRORS)
  grant(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: GrantRoleDto) {
    return this.people.grant(actor, id, dto);
  }

  @ApiBearerAuth()
  @Delete('admin/role-bindings/:id')
  @HttpCode(200)
  @ApiOperation({ summary: 'Remove one role binding; the answer is the person' })
  @ApiDoc('UserAccount', ACTION_ERRORS)
  revoke(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number) {
    return this.people.revoke(actor, id);
  }

  @ApiBearerAuth()
  @Post('admin/users/:id/deactivate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Deactivate: every session of the person ends at once (401 on their next request)' })
  @ApiDoc('UserAccount', ACTION_ERRORS)
  deactivate(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number) {
    return this.people.deactivate(actor, id);
  }

  @ApiBearerAuth()
  @Post('admin/users/:id/reactivate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reactivate a deactivated account (old tokens stay revoked)' })
  @ApiDoc('UserAccount', ID_ERRORS)
  reactivate(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number) {
    return this.people.reactivate(actor, id);
  }

  @ApiBearerAuth()
  @Post('admin/users/:id/reset-password')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reset the password: the old one stops working, sessions end; the answer carries a one-time code' })
  @ApiDoc('UserWithCode', ID_ERRORS)
  reset(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number) {
    return this.people.resetPassword(actor, id);
  }

  @ApiBearerAuth()
  @Post('admin/users/:id/invite')
  @HttpCode(200)
  @ApiOperation({ summary: 'A new invitation code for an account without a password (earlier codes stop working)' })
  @ApiDoc('UserWithCode', ACTION_ERRORS)
  invite(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number) {
    return this.people.invite(actor, id);
  }

  @Public()
  @RateLimit('login')
  @Post('auth/redeem-code')
  @HttpCode(200)
  @ApiOperation({ summary: 'Set a password with a one-time code (invitation or reset): single use, expires after 72 h; signs in' })
  @ApiDoc('Token', [...PUBLIC_ERRORS, 401])
  async redeem(@Body() dto: RedeemCodeDto, @Ip() ip: string) {
    const { userId, tokenVersion } = await this.codes.redeem(dto.username, dto.code, dto.newPassword, ip);
    const payload: TokenPayload = { sub: userId, ver: tokenVersion };
    return { token: await this.jwt.signAsync(payload), expiresIn: this.config.JWT_TTL_SECONDS, userId };
  }
}
