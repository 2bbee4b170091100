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

/**
 * The names come from scalar subqueries, not joins: each is one primary-key lookup for the rows
 * returned, and the planner has no join order to search. With eight joined tables planning took
 * 20–30 ms per list request on the bench machine, ~50× the execution of a keyset page (issue #14).
 * The next deadline and the overdue flag too: as a LATERAL join they were computed for every row
 * the WHERE kept, before ORDER BY … LIMIT (a rare search word over a district at 5,000,000
 * tickets: 14,568 matches, 600 of its 750 ms in those lookups); in the select list, for the page's
 * rows only. Callers filter and sort on `t.` columns only (the lists' deadline order is t.due_key).
 * The overdue flag is an aggregate over the same legs as the next deadline, not `EXISTS (… AND
 * breached_at IS NOT NULL)`: with that condition PostgreSQL ANDed the ticket's index with
 * idx_ticket_deadlines_open_breached, reading every overdue leg of the city for each row (7,810 at
 * 5,000,000 tickets: 5 ms a row, 105 of a resident's 125 ms list). Without it, the only index that
 * fits is the ticket's own (test/ticket-list-plans.e2e-spec.ts checks).
 */
export const TICKET_SELECT = `
  SELECT t.*, (SELECT c.name FROM categories c WHERE c.id = t.category_id) AS category_name,
         (SELECT c.code FROM categories c WHERE c.id = t.category_id) AS category_code,
         (SELECT c.icon FROM categories c WHERE c.id = t.category_id) AS category_icon,
         (SELECT r.display_name FROM users r WHERE r.id = t.reporter_id) AS reporter_name,
         (SELECT cm.name FROM org_units cm WHERE cm.id = t.community_id) AS community_name,
         (SELECT cp.name FROM org_units cp WHERE cp.id = t.compound_id) AS compound_name,
         (SELECT b.name FROM org_units b WHERE b.id = t.building_id) AS building_name,
         (SELECT h.name FROM organizations h WHERE h.id = t.handler_org_id) AS handler_name,
         (SELECT a.display_name FROM users a WHERE a.id = t.assignee_id) AS assignee_name,
         (SELECT min(d.due_at) FROM ticket_deadlines d WHERE d.ticket_id = t.id AND d.status = 'open' AND d.leg <> 'survey') AS next_due_at,
         (SELECT coalesce(bool_or(d.breached_at IS NOT NULL), false) FROM ticket_deadlines d
           WHERE d.ticket_id = t.id AND d.status = 'open' AND d.leg <> 'survey') AS overdue
    FROM tickets t`;

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
