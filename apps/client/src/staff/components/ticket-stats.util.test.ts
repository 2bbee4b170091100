import type { TicketSummary } from '../../api/api.types';
import { percent, ticketStats } from './ticket-stats.util';

const base = { handler: null, rating: null } as unknown as TicketSummary;
const t = (over: Partial<TicketSummary>): TicketSummary => ({ ...base, ...over }) as TicketSummary;

describe('ticketStats (figures the ticket list supports)', () => {
  const now = new Date('2026-03-05T12:00:00');
  const since = new Date('2026-03-04T00:00:00');
  const company = { kind: 'company' as const, id: 1, name: '塞上阳光物业' };
  const tickets = [
    t({ createdAt: '2026-03-05T08:00:00', status: 'closed', rating: 'satisfied', handler: company }),
    t({ createdAt: '2026-03-05T09:00:00', status: 'closed', rating: 'dissatisfied', handler: company }),
    t({ createdAt: '2026-03-04T09:00:00', status: 'accepted', handler: company }),
    t({ createdAt: '2026-03-04T10:00:00', status: 'submitted' }),
    t({ createdAt: '2026-03-01T10:00:00', status: 'closed', rating: 'satisfied' }),
  ];

  it('counts only tickets reported in the period', () => {
    const s = ticketStats(tickets, since, now);
    expect(s).toMatchObject({ received: 4, closed: 2, open: 2, rated: 2, satisfaction: 0.5 });
  });

  it('gives one bar per day of the period, empty days included', () => {
    expect(ticketStats(tickets, since, now).byDay.map((d) => d.count)).toEqual([2, 2]);
  });

  it('groups by the current handler', () => {
    expect(ticketStats(tickets, since, now).byHandler).toEqual([{ name: '塞上阳光物业', count: 3, closed: 2, satisfaction: 0.5 }]);
  });

  it('shows no rate when nobody rated', () => {
    expect(percent(ticketStats([t({ createdAt: '2026-03-05T08:00:00', status: 'submitted' })], since, now).satisfaction)).toBe('—');
  });
});
