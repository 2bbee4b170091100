import { Body, Controller, Get, Inject, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../common/public.decorator';
import { AppConfig } from '../config/app-config';
import { Open311ExceptionFilter } from './open311-exception.filter';
import { send, splitFormat } from './open311-format.util';
import type { FormBody } from './open311-request.form';
import { Open311KeysService } from './open311-keys.service';
import { Open311RequestsService, type Open311Reader, type RequestQuery } from './open311-requests.service';
import { Open311ServicesService } from './open311-services.service';
import { Open311Error } from './open311.error';

export const OPEN311_BASE = '/open311/v2';
/** When this GeoReport endpoint last changed in a way clients should notice. */
const CHANGESET = '2026-11-26T00:00:00+08:00';

/**
 * Open311 GeoReport v2 at /open311/v2, XML and JSON. Each path takes one `:file` parameter
 * (`services.xml`, `HG261126000001.json`) and splits the format off itself: a code or id may
 * contain dots, and Fastify's router has no use for `.:format` segments then.
 */
@Public()
@ApiExcludeController()
@UseFilters(Open311ExceptionFilter)
@Controller('open311/v2')
export class Open311Controller {
  constructor(
    private readonly services: Open311ServicesService,
    private readonly requests: Open311RequestsService,
    private readonly keys: Open311KeysService,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  @Get(':file')
  async top(@Param('file') file: string, @Query() query: Record<string, unknown>, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    const { resource, format } = splitFormat(file);
    switch (resource) {
      case 'discovery':
        return send(reply, format, 'discovery', this.discovery(req));
      case 'services':
        return send(reply, format, 'services', await this.services.list());
      case 'requests': {
        const params = this.single(query);
        return send(reply, format, 'service_requests', await this.requests.search(params, await this.reader(params.api_key)));
      }
      default:
        throw Open311Error.notFound(`no resource ${resource}`);
    }
  }

  @Post(':file')
  async create(@Param('file') file: string, @Body() body: FormBody | undefined, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    const { resource, format } = splitFormat(file);
    if (resource !== 'requests') throw Open311Error.notFound(`no resource ${resource} to POST to`);
    const type = String(req.headers['content-type'] ?? '');
    if (!type.startsWith('application/x-www-form-urlencoded') || typeof body !== 'object' || body === null) {
      throw Open311Error.badRequest('body: send the fields as application/x-www-form-urlencoded');
    }
    return send(reply, format, 'service_requests', await this.requests.create(body), 201);
  }

  @Get('services/:file')
  async definition(@Param('file') file: string, @Res() reply: FastifyReply) {
    const { resource, format } = splitFormat(file);
    return send(reply, format, 'service_definition', await this.services.definition(resource));
  }

  @Get('requests/:file')
  async request(@Param('file') file: string, @Query() query: Record<string, unknown>, @Res() reply: FastifyReply) {
    const { resource, format } = splitFormat(file);
    const reader = await this.reader(this.single(query).api_key);
    return send(reply, format, 'service_requests', await this.requests.one(resource, reader));
  }

  @Get('tokens/:file')
  async token(@Param('file') file: string, @Res() reply: FastifyReply) {
    const { resource, format } = splitFormat(file);
    return send(reply, format, 'service_requests', await this.requests.token(resource));
  }

  /** No api_key: the public view. A key must be valid (a wrong one is a 403, not a quiet public view). */
  private async reader(apiKey: string | undefined): Promise<Open311Reader> {
    return apiKey === undefined || apiKey === '' ? null : this.keys.reader(apiKey);
  }

  /**
   * The endpoint's own address, from PUBLIC_BASE_URL. Never from X-Forwarded-Host (any client can
   * send it, and a cache in front would keep the poisoned answer for everyone); without the setting,
   * the Host header the connection came with outside production and a root-relative path in production.
   */
  private endpointUrl(req: FastifyRequest): string {
    if (this.config.PUBLIC_BASE_URL) return `${this.config.PUBLIC_BASE_URL}${OPEN311_BASE}/`;
    const host = req.headers.host;
    if (this.config.strictProduction || !host) return `${OPEN311_BASE}/`;
    const tls = (req.raw.socket as { encrypted?: boolean }).encrypted === true;
    return `${tls ? 'https' : 'http'}://${host}${OPEN311_BASE}/`;
  }

  private discovery(req: FastifyRequest) {
    const url = this.endpointUrl(req);
    return {
      changeset: CHANGESET,
      contact: '红管家平台管理员（所在区/街道督办办公室）',
      key_service: '向平台管理员申请 API key（POST /api/admin/open311-keys）',
      endpoints: [
        {
          specification: 'http://wiki.open311.org/GeoReport_v2',
          url,
          changeset: CHANGESET,
          type: 'production',
          formats: ['text/xml', 'application/json'],
        },
      ],
    };
  }

  /** A parameter given twice is a client error, not an array to guess from. */
  private single(query: Record<string, unknown>): RequestQuery & { api_key?: string } {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(query)) {
      if (Array.isArray(v)) throw Open311Error.badRequest(`${k}: given more than once (use a comma-separated list)`);
      if (typeof v === 'string') out[k] = v;
    }
    return out;
  }
}
