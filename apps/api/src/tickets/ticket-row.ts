import type { Channel, HandlerKind, Priority, Rating, TicketStatus } from '@red-butler/domain';
import type { TicketScopeFacts } from '../access/ticket-scope';

/** A ticket as read by TICKET_SELECT: the columns plus the names the views show. */
export interface TicketRow {
  id: number;
  no: string;
  status: TicketStatus;
  category_id: number;
  category_name: string;
  category_code: string;
  category_icon: string;
  priority: Priority;
  channel: Channel;
  description: string;
  reporter_id: number;
  reporter_name: string;
  reporter_phone: string | null;
  hotline_case_no: string | null;
  called_at: Date | null;
  caller_name: string | null;
  district_id: number;
  street_id: number;
  community_id: number;
  community_name: string;
  grid_id: number | null;
  compound_id: number;
  compound_name: string;
  building_id: number | null;
  building_name: string | null;
  lat: number | null;
  lng: number | null;
  address: string | null;
  plan_x: number | null;
  plan_y: number | null;
  handler_kind: HandlerKind | null;
  handler_org_id: number | null;
  handler_name: string | null;
  assignee_id: number | null;
  assignee_name: string | null;
  merged_into_id: number | null;
  return_count: number;
  reopen_count: number;
  rating: Rating | null;
  rating_comment: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
  dispatched_at: Date | null;
  accepted_at: Date | null;
  resolved_at: Date | null;
  closed_at: Date | null;
  /** The earliest deadline among the ticket's open legs (the resident's survey window excepted). */
  next_due_at: Date | null;
  overdue: boolean;
}

export const TICKET_SELECT = `
  SELECT t.*, c.name AS category_name, c.code AS category_code, c.icon AS category_icon,
         r.display_name AS reporter_name, cm.name AS community_name, cp.name AS compound_name,
         b.name AS building_name, h.name AS handler_name, a.display_name AS assignee_name,
         dl.next_due_at, coalesce(dl.overdue, false) AS overdue
    FROM tickets t
    JOIN categories c ON c.id = t.category_id
    JOIN users r ON r.id = t.reporter_id
    JOIN org_units cm ON cm.id = t.community_id
    JOIN org_units cp ON cp.id = t.compound_id
    LEFT JOIN org_units b ON b.id = t.building_id
    LEFT JOIN organizations h ON h.id = t.handler_org_id
    LEFT JOIN users a ON a.id = t.assignee_id
    LEFT JOIN LATERAL (
      SELECT min(d.due_at) AS next_due_at, bool_or(d.breached_at IS NOT NULL) AS overdue
        FROM ticket_deadlines d WHERE d.ticket_id = t.id AND d.status = 'open' AND d.leg <> 'survey') dl ON TRUE`;

export function scopeFacts(row: TicketRow): TicketScopeFacts {
  return {
    status: row.status,
    reporterId: row.reporter_id,
    districtId: row.district_id,
    streetId: row.street_id,
    communityId: row.community_id,
    gridId: row.grid_id,
    handlerKind: row.handler_kind,
    handlerOrgId: row.handler_org_id,
    assigneeId: row.assignee_id,
  };
}
