import { textProblem } from '../common/clean-text.validator';
import { Open311Error } from './open311.error';

/** A form-urlencoded body as Fastify parses it: repeated keys become arrays. */
export type FormBody = Record<string, string | string[] | undefined>;

export interface CreateForm {
  serviceCode: string;
  lat?: number;
  lng?: number;
  addressString?: string;
  addressId?: string;
  attributes: Record<string, string>;
  description?: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  phone?: string;
  deviceId: string | null;
  accountId: string | null;
  mediaUrl: string | null;
}

const MAX_DESCRIPTION = 4000;

function text(body: FormBody, field: string, max: number): string | undefined {
  const raw = body[field];
  if (raw === undefined) return undefined;
  if (Array.isArray(raw)) throw Open311Error.badRequest(`${field}: given more than once`);
  const value = raw.trim();
  if (value === '') return undefined;
  if (value.length > max) throw Open311Error.badRequest(`${field}: at most ${max} characters`);
  // The rule of every text field in the API: no control characters (line breaks only in the description).
  const problem = textProblem(value, { multiline: field === 'description', allowBlank: true });
  if (problem) throw Open311Error.badRequest(`${field}: ${problem}`);
  return value;
}

function coordinate(body: FormBody, field: 'lat' | 'long', limit: number): number | undefined {
  const value = text(body, field, 30);
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^-?\d+(\.\d+)?$/.test(value) || Math.abs(n) > limit) throw Open311Error.badRequest(`${field}: must be a decimal number between -${limit} and ${limit}`);
  return n;
}

/** `attribute[code]=v` (and `attribute[code][]=v` for lists) → `{code: v}`. */
function attributes(body: FormBody): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, raw] of Object.entries(body)) {
    const match = /^attribute\[([^\]]+)\](\[\])?$/.exec(key);
    if (!match || raw === undefined) continue;
    const values = (Array.isArray(raw) ? raw : [raw]).map((v) => v.trim()).filter(Boolean);
    if (values.length === 0) continue;
    if (values.length > 1) throw Open311Error.badRequest(`attribute[${match[1]}]: takes one value`);
    if (values[0].length > 50) throw Open311Error.badRequest(`attribute[${match[1]}]: at most 50 characters`);
    out[match[1]] = values[0];
  }
  if (out.unit !== undefined && !/^[1-9]\d{0,2}$/.test(out.unit)) throw Open311Error.badRequest('attribute[unit]: must be a whole number (单元号), e.g. 2');
  return out;
}

/** A phone as the call-back number of the ticket: digits only, a leading +86 dropped. */
function phone(body: FormBody): string | undefined {
  const value = text(body, 'phone', 30);
  if (value === undefined) return undefined;
  const digits = value.replace(/[^\d]/g, '').replace(/^86(?=1\d{10}$)/, '');
  if (!/^(1\d{10}|0\d{9,11})$/.test(digits)) throw Open311Error.badRequest('phone: must be a mobile (11 digits) or a landline with area code');
  return digits;
}

/** The POST requests fields of GeoReport v2, checked one by one; every message names its field. */
export function parseCreateForm(body: FormBody): CreateForm {
  const serviceCode = text(body, 'service_code', 64);
  if (!serviceCode) throw Open311Error.badRequest('service_code: required');
  const lat = coordinate(body, 'lat', 90);
  const lng = coordinate(body, 'long', 180);
  if ((lat === undefined) !== (lng === undefined)) throw Open311Error.badRequest('lat/long: give both or neither');
  const email = text(body, 'email', 200) ?? null;
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw Open311Error.badRequest('email: not an e-mail address');
  const mediaUrl = text(body, 'media_url', 500) ?? null;
  if (mediaUrl && !/^https?:\/\/[^\s]+$/i.test(mediaUrl)) throw Open311Error.badRequest('media_url: must be an http(s) URL');
  const description = text(body, 'description', MAX_DESCRIPTION);
  if (description !== undefined && description.length < 2) throw Open311Error.badRequest('description: at least 2 characters');
  return {
    serviceCode,
    lat,
    lng,
    addressString: text(body, 'address_string', 200),
    addressId: text(body, 'address_id', 64),
    attributes: attributes(body),
    description,
    email,
    firstName: text(body, 'first_name', 50) ?? null,
    lastName: text(body, 'last_name', 50) ?? null,
    phone: phone(body),
    deviceId: text(body, 'device_id', 100) ?? null,
    accountId: text(body, 'account_id', 100) ?? null,
    mediaUrl,
  };
}
