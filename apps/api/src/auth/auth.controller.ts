import { Body, Controller, Get, HttpCode, Ip, Patch, Post } from '@nestjs/common';
import { ApiDoc, PUBLIC_ERRORS, READ_ERRORS } from '../common/openapi/api-doc.decorator';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../access/actor';
import { CurrentActor } from '../common/current-actor.decorator';
import { Public } from '../common/public.decorator';
import { RateLimit } from '../common/rate-limit.decorator';
import { MeService } from '../users/me.service';
import { AuthService } from './auth.service';
import { ChangePasswordDto } from './dto/change-password.dto';
import { DevLoginDto, LoginDto, WechatLoginDto } from './dto/login.dto';
import { UpdateMeDto } from './dto/update-me.dto';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly me: MeService,
  ) {}

  @Public()
  @RateLimit('login')
  @Post('auth/wechat')
  @HttpCode(200)
  @ApiOperation({ summary: 'Resident login from the mini-program (wx.login code → openid)' })
  @ApiDoc('WechatToken', PUBLIC_ERRORS)
  wechat(@Body() dto: WechatLoginDto) {
    return this.auth.wechatLogin(dto.code);
  }

  @Public()
  @RateLimit('login')
  @Post('auth/login')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Staff login; 5 wrong passwords lock this account for 15 minutes from this address only (429 LOGIN_LOCKED); many failures from all addresses slow the account down (429 LOGIN_THROTTLED, Retry-After)',
  })
  @ApiDoc('Token', [...PUBLIC_ERRORS, 401])
  login(@Body() dto: LoginDto, @Ip() ip: string) {
    return this.auth.login(dto.username, dto.password, ip);
  }

  @ApiBearerAuth()
  @Post('auth/logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign out: revokes every token of the caller (all devices)' })
  @ApiDoc(null, READ_ERRORS, { status: 204, description: 'signed out' })
  async logout(@CurrentActor() actor: Actor): Promise<void> {
    await this.auth.logout(actor.userId);
  }

  @Public()
  @RateLimit('login')
  @Post('auth/dev-login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Passwordless demo login (only when AUTH_DEV_LOGIN is on)' })
  @ApiDoc('Token', [...PUBLIC_ERRORS, 401, 403])
  devLogin(@Body() dto: DevLoginDto) {
    return this.auth.devLogin(dto.username);
  }

  @ApiBearerAuth()
  @Get('me')
  @ApiOperation({ summary: 'The caller: roles, scopes, bound compound' })
  @ApiDoc('Me', READ_ERRORS)
  getMe(@CurrentActor() actor: Actor) {
    return this.me.describe(actor);
  }

  @ApiBearerAuth()
  @Patch('me')
  @ApiOperation({ summary: 'Update own name, phone, home compound/building' })
  @ApiDoc('Me', READ_ERRORS)
  updateMe(@CurrentActor() actor: Actor, @Body() dto: UpdateMeDto) {
    return this.me.update(actor, dto);
  }

  @ApiBearerAuth()
  @RateLimit('login')
  @Post('me/password')
  @HttpCode(200)
  @ApiOperation({ summary: 'Change own password; every other session is signed out, the answer is a fresh token' })
  @ApiDoc('Token', READ_ERRORS)
  changePassword(@CurrentActor() actor: Actor, @Body() dto: ChangePasswordDto, @Ip() ip: string) {
    return this.auth.changePassword(actor.userId, dto.currentPassword, dto.newPassword, ip);
  }
}

