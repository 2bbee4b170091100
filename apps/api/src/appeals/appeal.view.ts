import { APPEAL_WINDOW_DAYS, type AppealStatus, type Rating } from '@red-butler/domain';

/** An appeal as the queries below read it (rating_appeals joined to its ticket, event and people). */
export interface AppealRow {
  id: number;
  ticket_id: number;
  ticket_no: string;
  category_name: string;
  compound_name: string;
  community_name: string;
  street_id: number;
  district_id: number;
  rating_event_id: string;
  rating: Rating;
  rating_comment: string | null;
  rated_at: Date;
  handler_org_id: number;
  handler_name: string;
  reason: string;
  status: AppealStatus;
  filed_by: number;
  filer_name: string;
  filed_at: Date;
  decided_by: number | null;
  decider_name: string | null;
  decided_at: Date | null;
  decision_note: string | null;
}

export const APPEAL_SELECT = `
  SELECT a.id, a.ticket_id, t.no AS ticket_no, c.name AS category_name, cp.name AS compound_name, cm.name AS community_name,
         t.street_id, t.district_id, a.rating_event_id, e.data->>'rating' AS rating, e.note AS rating_comment, e.created_at AS rated_at,
         a.handler_org_id, o.name AS handler_name, a.reason, a.status, a.filed_by, fu.display_name AS filer_name, a.filed_at,
         a.decided_by, du.display_name AS decider_name, a.decided_at, a.decision_note
    FROM rating_appeals a
    JOIN tickets t ON t.id = a.ticket_id
    JOIN ticket_events e ON e.id = a.rating_event_id
    JOIN categories c ON c.id = t.category_id
    JOIN org_units cp ON cp.id = t.compound_id
    JOIN org_units cm ON cm.id = t.community_id
    JOIN organizations o ON o.id = a.handler_org_id
    JOIN users fu ON fu.id = a.filed_by
    LEFT JOIN users du ON du.id = a.decided_by`;

/** The last instant a rating given at `ratedAt` may be appealed (clock time, not working time). */
export const appealDeadline = (ratedAt: Date): Date => new Date(ratedAt.getTime() + APPEAL_WINDOW_DAYS * 86_400_000);

export function appealView(r: AppealRow) {
  return {
    id: r.id,
    ticket: { id: r.ticket_id, no: r.ticket_no, category: r.category_name, compound: r.compound_name, community: r.community_name },
    ratingEventId: Number(r.rating_event_id),
    rating: r.rating,
    ratingComment: r.rating_comment,
    ratedAt: r.rated_at,
    handler: { id: r.handler_org_id, name: r.handler_name },
    reason: r.reason,
    status: r.status,
    filedBy: { id: r.filed_by, displayName: r.filer_name },
    filedAt: r.filed_at,
    decidedBy: r.decided_by === null ? null : { id: r.decided_by, displayName: r.decider_name },
    decidedAt: r.decided_at,
    decisionNote: r.decision_note,
  };
}
export type AppealView = ReturnType<typeof appealView>;
