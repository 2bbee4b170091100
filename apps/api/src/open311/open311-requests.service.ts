import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { OPEN_STATUSES, PRIORITY_LABELS, TICKET_STATUS_LABELS, type Priority, type TicketStatus } from '@red-butler/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { ActorService } from '../access/actor.service';
import { TicketIntakeService } from '../tickets/ticket-intake.service';
import { isoShanghai } from './open311-format.util';
import { Open311KeysService, type Open311Caller } from './open311-keys.service';
import { maskPersonalData, redactForPublic } from './open311-redact.util';
import { Open311LocationService } from './open311-location.service';
import { Open311ServicesService } from './open311-services.service';
import { Open311Error } from './open311.error';
import { parseCreateForm, type FormBody } from './open311-request.form';

export const WINDOW_DAYS = 90;
const DAY_MS = 86_400_000;
export const MAX_RESULTS = 1000;
/** More distinct service codes than any jurisdiction has; beyond it the list is refused, not looked up one by one. */
export const MAX_SERVICE_CODES = 100;
const CLOSED_STATUSES: TicketStatus[] = ['resolved', 'closed', 'cancelled', 'rejected', 'merged'];
/** Notes the public may read: what the handler did, or why the case was refused. Internal dispatch and return notes stay inside. */
const PUBLIC_NOTE_ACTIONS = ['progress', 'resolve', 'reject'];

export interface Open311ServiceRequest {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string;
  service_name: string;
  service_code: string;
  description: string;
  agency_responsible: string;
  service_notice: string;
  requested_datetime: string | null;
  updated_datetime: string | null;
  expected_datetime: string | null;
  address: string | null;
  address_id: string;
  zipcode: null;
  lat: number | null;
  long: number | null;
  media_url: string | null;
}

interface RequestRow {
  no: string;
  status: TicketStatus;
  priority: Priority;
  description: string;
  created_at: Date;
  updated_at: Date;
  lat: number | null;
  lng: number | null;
  address: string | null;
  service_code: string;
  service_name: string;
  handler_name: string | null;
  community_name: string;
  compound_code: string;
  compound_name: string;
  compound_lat: number | null;
  compound_lng: number | null;
  building_code: string | null;
  media_url: string | null;
  expected_at: Date | null;
  public_note: string | null;
  merged_into_no: string | null;
}

export interface RequestQuery {
  service_request_id?: string;
  service_code?: string;
  start_date?: string;
  end_date?: string;
  status?: string;
}

const W3C_DATETIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** Who reads: nobody in particular (the public feed), or a key with its scope. */
export type Open311Reader = Open311Caller | null;

/**
 * Service requests: a POST files a ticket through the normal intake (same loop, same clocks).
 *
 * The GET calls read tickets of every channel, in one of two views (docs/decisions.md, "Open311:
 * what the public feed shows"):
 * - public (no key, or a key with the `public` scope): only categories marked publicly_listed (plus
 *   a key's own requests), as a compound notice board would show them: the compound's name, code and
 *   point instead of the ticket's, description and status note with phones, ID numbers, e-mails,
 *   building/unit/room and plates removed, no photo;
 * - full (a key an admin granted the `full` scope for a stated purpose): every category, the exact
 *   point, address, building and photo; phones, ID numbers and e-mails still masked.
 * Never anything that names the reporter.
 */
@Injectable()
export class Open311RequestsService {
  constructor(
    private readonly db: DataSource,
    private readonly keys: Open311KeysService,
    private readonly services: Open311ServicesService,
    private readonly location: Open311LocationService,
    private readonly actors: ActorService,
    private readonly intake: TicketIntakeService,
  ) {}

  async create(body: FormBody): Promise<Array<{ service_request_id: string; token: string; service_notice: string; account_id: string | null }>> {
    const { keyId, reporterId } = await this.keys.authorize(body.api_key);
    const form = parseCreateForm(body);
    const category = await this.services.byCode(form.serviceCode);
    if (!category) throw Open311Error.badRequest(`service_code ${form.serviceCode} not found`);
    const allowed = new Set(this.services.attributes(category).map((a) => a.code));
    for (const code of Object.keys(form.attributes)) {
      if (!allowed.has(code)) throw Open311Error.badRequest(`attribute[${code}]: service ${category.code} has no attribute ${code}`);
    }
    const place = await this.location.place(form);
    let building = place.buildingId ? { id: place.buildingId, name: place.buildingName ?? '' } : null;
    if (form.attributes.building) {
      building = await this.location.building(place.id, form.attributes.building);
      if (!building) throw Open311Error.badRequest(`attribute[building]: no building ${form.attributes.building} in ${place.name}`);
    }
    const unit = form.attributes.unit ? `${form.attributes.unit}单元` : '';
    const address = (form.addressString ?? `${place.name}${building?.name ?? ''}${unit}`).slice(0, 200);
    const lat = form.lat ?? place.lat;
    const lng = form.lng ?? place.lng;
    const actor = await this.actors.load(reporterId);
    if (!actor) throw Open311Error.forbidden('api_key is invalid or revoked');
    const token = randomUUID();
    // The ticket and its Open311 record (token, contact details) are one transaction: a failure leaves neither.
    const record = async (em: EntityManager, ticketId: number) => {
      await em.query(
        `INSERT INTO open311_requests (ticket_id, token, api_key_id, email, first_name, last_name, device_id, account_id, media_url, attributes)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [ticketId, token, keyId, form.email, form.firstName, form.lastName, form.deviceId, form.accountId, form.mediaUrl, form.attributes],
      );
    };
    const ticket = await this.intake.create(
      actor,
      {
        categoryId: category.id,
        description: form.description ?? category.name,
        compoundId: place.id,
        buildingId: building?.id,
        // Without coordinates from the client the ticket is placed at the compound's point, so it still shows on maps and near-by searches.
        location: lat !== null && lng !== null ? { lat, lng, address } : undefined,
        reporterPhone: form.phone,
      },
      undefined,
      { role: 'resident', channel: 'open311', record },
    );
    return [{ service_request_id: ticket.no, token, service_notice: this.notice(ticket.priority as Priority), account_id: form.accountId }];
  }

  /** A request outside the reader's view is "not found", like one that does not exist. */
  async one(id: string, reader: Open311Reader = null): Promise<Open311ServiceRequest[]> {
    const rows = await this.rows(['t.no = $1'], [id], 1, reader);
    if (rows.length === 0) throw Open311Error.notFound(`service_request_id ${id} not found`);
    return rows.map((r) => this.view(r, reader));
  }

  async token(token: string): Promise<Array<{ service_request_id: string; token: string }>> {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(token)) throw Open311Error.notFound(`token ${token} not found`);
    const rows: Array<{ no: string }> = await this.db.query(
      `SELECT t.no FROM open311_requests r JOIN tickets t ON t.id = r.ticket_id WHERE r.token = $1`,
      [token],
    );
    if (!rows[0]) throw Open311Error.notFound(`token ${token} not found`);
    return [{ service_request_id: rows[0].no, token }];
  }

  async search(q: RequestQuery, reader: Open311Reader = null, now = new Date()): Promise<Open311ServiceRequest[]> {
    // The spec: service_request_id overrides every other parameter.
    if (q.service_request_id !== undefined) {
      const ids = this.list(q.service_request_id, 'service_request_id');
      if (ids.length > MAX_RESULTS) throw Open311Error.badRequest(`service_request_id: at most ${MAX_RESULTS} ids`);
      return (await this.rows(['t.no = ANY($1)'], [ids], MAX_RESULTS, reader)).map((r) => this.view(r, reader));
    }
    const where: string[] = [];
    const params: unknown[] = [];
    if (q.service_code !== undefined) {
      const codes = this.list(q.service_code, 'service_code');
      if (codes.length > MAX_SERVICE_CODES) throw Open311Error.badRequest(`service_code: at most ${MAX_SERVICE_CODES} different codes`);
      // One query for the whole list, whatever its length.
      const known = await this.services.existing(codes);
      const unknown = codes.find((code) => !known.has(code));
      if (unknown !== undefined) throw Open311Error.badRequest(`service_code ${unknown} not found`);
      params.push(codes);
      where.push(`c.code = ANY($${params.length})`);
    }
    if (q.status !== undefined) {
      const statuses = this.list(q.status, 'status');
      const bad = statuses.find((s) => s !== 'open' && s !== 'closed');
      if (bad) throw Open311Error.badRequest(`status: ${bad} is not open or closed`);
      const wanted = new Set<TicketStatus>();
      if (statuses.includes('open')) OPEN_STATUSES.forEach((s) => wanted.add(s));
      if (statuses.includes('closed')) CLOSED_STATUSES.forEach((s) => wanted.add(s));
      params.push([...wanted]);
      where.push(`t.status = ANY($${params.length}::ticket_status[])`);
    }
    const { start, end } = this.window(q.start_date, q.end_date, now);
    params.push(start, end);
    where.push(`t.created_at >= $${params.length - 1} AND t.created_at <= $${params.length}`);
    return (await this.rows(where, params, MAX_RESULTS, reader)).map((r) => this.view(r, reader));
  }

  /** The 90-day rule: no dates → the last 90 days; one date → 90 days from or up to it; a wider range is refused. */
  private window(startText: string | undefined, endText: string | undefined, now: Date): { start: Date; end: Date } {
    const start = startText !== undefined ? this.date(startText, 'start_date') : null;
    const end = endText !== undefined ? this.date(endText, 'end_date') : null;
    const span = WINDOW_DAYS * DAY_MS;
    if (start && end) {
      if (end.getTime() < start.getTime()) throw Open311Error.badRequest('end_date: is before start_date');
      if (end.getTime() - start.getTime() > span) throw Open311Error.badRequest(`start_date/end_date: may not span more than ${WINDOW_DAYS} days`);
      return { start, end };
    }
    if (start) return { start, end: new Date(start.getTime() + span) };
    if (end) return { start: new Date(end.getTime() - span), end };
    return { start: new Date(now.getTime() - span), end: now };
  }

  /** W3C ISO 8601: a date alone means 00:00 in Shanghai; a time must carry Z or an offset. */
  private date(text: string, field: string): Date {
    if (!W3C_DATETIME.test(text)) throw Open311Error.badRequest(`${field}: use ISO 8601 with an offset, e.g. 2026-11-01T08:00:00+08:00`);
    const date = new Date(text.length === 10 ? `${text}T00:00:00+08:00` : text);
    if (Number.isNaN(date.getTime())) throw Open311Error.badRequest(`${field}: not a real date`);
    return date;
  }

  /** The comma-separated values, each once, in their first order. */
  private list(value: string, field: string): string[] {
    const items = [...new Set(value.split(',').map((s) => s.trim()).filter(Boolean))];
    if (items.length === 0) throw Open311Error.badRequest(`${field}: empty`);
    return items;
  }

  private rows(conditions: string[], params: unknown[], limit: number, reader: Open311Reader): Promise<RequestRow[]> {
    const where = [...conditions];
    const all = [...params];
    if (reader?.scope !== 'full') {
      // The public view lists public categories only; a key also sees the requests it filed itself.
      if (reader) {
        all.push(reader.keyId);
        where.push(`(c.publicly_listed OR r.api_key_id = $${all.length})`);
      } else {
        where.push('c.publicly_listed');
      }
    }
    return this.db.query(
      `SELECT t.no, t.status, t.priority, t.description, t.created_at, t.updated_at, t.lat, t.lng, t.address,
              c.code AS service_code, c.name AS service_name, h.name AS handler_name, cm.name AS community_name,
              cp.code AS compound_code, cp.name AS compound_name, cp.lat AS compound_lat, cp.lng AS compound_lng,
              b.code AS building_code, r.media_url, m.no AS merged_into_no,
              (SELECT d.due_at FROM ticket_deadlines d WHERE d.ticket_id = t.id AND d.leg = 'resolve'
                ORDER BY d.started_at DESC, d.id DESC LIMIT 1) AS expected_at,
              (SELECT e.note FROM ticket_events e WHERE e.ticket_id = t.id AND e.action::text = ANY($${all.length + 1}) AND e.note IS NOT NULL
                ORDER BY e.id DESC LIMIT 1) AS public_note
         FROM tickets t
         JOIN categories c ON c.id = t.category_id
         JOIN org_units cm ON cm.id = t.community_id
         JOIN org_units cp ON cp.id = t.compound_id
         LEFT JOIN org_units b ON b.id = t.building_id
         LEFT JOIN organizations h ON h.id = t.handler_org_id
         LEFT JOIN open311_requests r ON r.ticket_id = t.id
         LEFT JOIN tickets m ON m.id = t.merged_into_id
        WHERE ${where.join(' AND ')}
        ORDER BY t.created_at DESC, t.id DESC
        LIMIT ${limit}`,
      [...all, PUBLIC_NOTE_ACTIONS],
    );
  }

  private view(r: RequestRow, reader: Open311Reader): Open311ServiceRequest {
    const full = reader?.scope === 'full';
    const text = full ? maskPersonalData : redactForPublic;
    const open = OPEN_STATUSES.includes(r.status);
    let notes = TICKET_STATUS_LABELS[r.status];
    if (r.merged_into_no) notes += `：已并入工单 ${r.merged_into_no}`;
    else if (r.public_note) notes += `：${text(r.public_note)}`;
    const common = {
      service_request_id: r.no,
      status: open ? ('open' as const) : ('closed' as const),
      status_notes: notes,
      service_name: r.service_name,
      service_code: r.service_code,
      description: text(r.description),
      // Before dispatch (and after a return) the community holds the ticket.
      agency_responsible: r.handler_name ?? r.community_name,
      service_notice: this.notice(r.priority),
      requested_datetime: isoShanghai(r.created_at),
      updated_datetime: isoShanghai(r.updated_at),
      expected_datetime: isoShanghai(r.expected_at),
    };
    if (!full) {
      // Where on a map anyone could point at: the compound, never the building or the door.
      return {
        ...common,
        address: r.compound_name,
        address_id: r.compound_code,
        zipcode: null,
        lat: r.compound_lat,
        long: r.compound_lng,
        // A photo cannot be redacted (faces, a flat's interior, a door number): the public gets none.
        media_url: null,
      };
    }
    return {
      ...common,
      address: r.address ? maskPersonalData(r.address) : r.compound_name,
      address_id: r.building_code ?? r.compound_code,
      zipcode: null,
      lat: r.lat ?? r.compound_lat,
      long: r.lng ?? r.compound_lng,
      media_url: r.media_url,
    };
  }

  private notice(priority: Priority): string {
    return `优先级：${PRIORITY_LABELS[priority]}；办理进度可凭工单号查询`;
  }
}
