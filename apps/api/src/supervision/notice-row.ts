import type { NoticeStatus } from '@red-butler/domain';
import type { EntityManager } from 'typeorm';
import type { NoticeScopeFacts } from './supervision-scope';
import type { NoticeEvent } from './supervision-notice.entity';

/** A notice as the services read it (snake_case, straight from SQL). */
export interface NoticeRow {
  id: number;
  organization_id: number;
  organization_name: string;
  compound_ids: number[];
  street_ids: number[];
  district_id: number;
  issuer_unit_id: number;
  issuer_unit_kind: 'district' | 'street';
  issued_by: number;
  problem: string;
  expected: string;
  ticket_ids: number[];
  black_list_quarter: string | null;
  working_days: number;
  status: NoticeStatus;
  version: number;
  issued_at: Date;
  due_at: Date;
  overdue_at: Date | null;
  escalation_level: number;
  next_event: NoticeEvent | null;
  next_event_at: Date | null;
}

export const NOTICE_SELECT = `SELECT n.*, o.name AS organization_name, iu.kind AS issuer_unit_kind
  FROM supervision_notices n JOIN organizations o ON o.id = n.organization_id JOIN org_units iu ON iu.id = n.issuer_unit_id`;

export async function loadNotice(em: EntityManager, id: number, lock = false): Promise<NoticeRow | null> {
  const rows: NoticeRow[] = await em.query(`${NOTICE_SELECT} WHERE n.id = $1 ${lock ? 'FOR UPDATE OF n' : ''}`, [id]);
  return rows[0] ?? null;
}

export function noticeFacts(n: NoticeRow): NoticeScopeFacts {
  return { organizationId: n.organization_id, compoundIds: n.compound_ids, streetIds: n.street_ids, districtId: n.district_id, issuerUnitId: n.issuer_unit_id };
}

/** 督办 ladder of a notice: a street's notice goes up to the district; the district's stays there. */
export function noticeLadder(n: Pick<NoticeRow, 'issuer_unit_kind'>): Array<'street' | 'district'> {
  return n.issuer_unit_kind === 'street' ? ['street', 'district'] : ['district'];
}
