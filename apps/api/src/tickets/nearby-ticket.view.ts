import type { TicketStatus } from '@red-butler/domain';

/** What anyone writing a report may learn of someone else's ticket: nothing about who filed it. */
export interface PublicTicketRow {
  id: number;
  no: string;
  status: TicketStatus;
  category_id: number;
  category_name: string;
  category_icon: string;
  description: string;
  building_id: number | null;
  distance_m: number | null;
  follower_count: number;
  following: boolean;
  mine: boolean;
  created_at: Date;
}

const SUMMARY_CHARS = 40;

/**
 * The first words of the description, with digit runs that could be a phone or room number
 * (7+ digits) blanked: residents write "请联系13812345678" into descriptions.
 */
export function shortDescription(text: string): string {
  const masked = text.replace(/\d{7,}/g, (d) => `${d.slice(0, 3)}****`).replace(/\s+/g, ' ').trim();
  return masked.length > SUMMARY_CHARS ? `${masked.slice(0, SUMMARY_CHARS)}…` : masked;
}

export function publicTicketView(row: PublicTicketRow, buildingId?: number | null) {
  return {
    id: row.id,
    no: row.no,
    status: row.status,
    category: { id: row.category_id, name: row.category_name, icon: row.category_icon },
    summary: shortDescription(row.description),
    distanceM: row.distance_m,
    sameBuilding: !!buildingId && row.building_id === buildingId,
    followerCount: row.follower_count,
    following: row.following,
    mine: row.mine,
    createdAt: row.created_at,
  };
}
