import type { TicketSummary } from '../../api/api.types';
import { formatDate } from '../../lib/format.util';

export interface TicketStats {
  received: number;
  closed: number;
  open: number;
  rated: number;
  /** (满意 + 基本满意) ÷ rated; null when nobody rated. */
  satisfaction: number | null;
  byDay: Array<{ day: string; count: number }>;
  byHandler: Array<{ name: string; count: number; closed: number; satisfaction: number | null }>;
}

const satisfied = (t: TicketSummary) => t.rating === 'satisfied' || t.rating === 'basically_satisfied';
const ratio = (part: number, whole: number) => (whole === 0 ? null : part / whole);

/**
 * Figures that the ticket list itself supports, for the tickets reported since `since`. On-time
 * rate and overdue counts need deadlines, which only the deadline engine's reports API knows.
 */
export function ticketStats(tickets: TicketSummary[], since: Date | null, now: Date = new Date()): TicketStats {
  const inPeriod = since ? tickets.filter((t) => new Date(t.createdAt) >= since) : tickets;
  const rated = inPeriod.filter((t) => t.rating);
  const days = new Map<string, number>();
  if (since) {
    for (let d = new Date(since); d <= now; d = new Date(d.getTime() + 86400000)) days.set(formatDate(d), 0);
  }
  const handlers = new Map<string, TicketSummary[]>();
  for (const t of inPeriod) {
    const day = formatDate(t.createdAt);
    days.set(day, (days.get(day) ?? 0) + 1);
    if (t.handler) handlers.set(t.handler.name, [...(handlers.get(t.handler.name) ?? []), t]);
  }
  return {
    received: inPeriod.length,
    closed: inPeriod.filter((t) => t.status === 'closed').length,
    open: inPeriod.filter((t) => ['submitted', 'dispatched', 'accepted'].includes(t.status)).length,
    rated: rated.length,
    satisfaction: ratio(rated.filter(satisfied).length, rated.length),
    byDay: [...days.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([day, count]) => ({ day, count })),
    byHandler: [...handlers.entries()]
      .map(([name, list]) => {
        const r = list.filter((t) => t.rating);
        return { name, count: list.length, closed: list.filter((t) => t.status === 'closed').length, satisfaction: ratio(r.filter(satisfied).length, r.length) };
      })
      .sort((a, b) => b.count - a.count),
  };
}

export const percent = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
