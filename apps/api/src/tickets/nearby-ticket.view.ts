import type { TicketStatus } from '@red-butler/domain';
import { maskPersonalData } from '../open311/open311-redact.util';

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
 * The first words of the description, with personal data masked: residents write "请联系138-1234-5678"
 * or an ID number into descriptions, and a neighbour filing a report nearby must not learn them. The
 * same masking as the Open311 feed's (every phone spelling, landlines, ID numbers, e-mail), which a
 * `\d{7,}` rule used to approximate here and missed dashed and spaced numbers. Buildings stay: "3号楼
 * 电梯" is what makes a duplicate recognisable to the neighbour who shares the building.
 */
export function shortDescription(text: string): string {
  const masked = maskPersonalData(text).replace(/\s+/g, ' ').trim();
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
