import { render, screen } from '@testing-library/react';
import type { TicketDeadline } from '../../api/api.types';
import { formatTime } from '../../lib/format.util';
import { TicketDeadlines } from './ticket-deadlines';

const now = new Date('2026-03-05T10:00:00Z').getTime();
const iso = (minutes: number) => new Date(now + minutes * 60_000).toISOString();
const leg = (over: Partial<TicketDeadline>): TicketDeadline => ({
  id: 1, leg: 'dispatch', party: 'community', partyOrgId: null, clock: 'working', allowedMinutes: 120,
  startedAt: iso(-60), dueAt: iso(60), warnAt: null, status: 'open', warnedAt: null, overdueAt: null, overdue: false,
  closedAt: null, escalationLevel: 0, pausedAt: null, pauseReason: null, pausedMinutes: 0, ...over,
});

describe('TicketDeadlines', () => {
  it('shows each open leg with its label, due time and what is left; closed legs are left out', () => {
    const { container } = render(
      <TicketDeadlines
        now={now}
        deadlines={[
          leg({ id: 1, leg: 'dispatch', status: 'met', dueAt: iso(-30) }),
          leg({ id: 2, leg: 'accept', party: 'company', dueAt: iso(85) }),
        ]}
      />,
    );
    expect(container.querySelectorAll('.deadline')).toHaveLength(1);
    expect(screen.getByText('接单时限')).toBeTruthy();
    expect(screen.queryByText('派单时限')).toBeNull();
    const left = screen.getByTestId('countdown');
    expect(left.textContent).toBe('剩余 1小时25分');
    expect(left.className).not.toContain('countdown--late');
    expect(screen.getByText(`截止 ${formatTime(iso(85))}`)).toBeTruthy();
  });

  it('marks a late leg in red with its 督办 level', () => {
    render(<TicketDeadlines now={now} deadlines={[leg({ leg: 'resolve', party: 'company', dueAt: iso(-40), overdue: true, escalationLevel: 2 })]} />);
    const left = screen.getByTestId('countdown');
    expect(left.textContent).toBe('已超期 40分钟');
    expect(left.className).toContain('countdown--late');
    expect(screen.getByText('督办 2级')).toBeTruthy();
  });

  it('shows a paused leg as 挂起中 with the reason instead of a due time', () => {
    render(
      <TicketDeadlines
        now={now}
        deadlines={[leg({ leg: 'resolve', party: 'company', dueAt: null, pausedAt: iso(-90), pauseReason: '灯具需订购' })]}
      />,
    );
    expect(screen.getByText('挂起中')).toBeTruthy();
    expect(screen.getByTestId('paused').textContent).toBe(`${formatTime(iso(-90))} 起挂起：灯具需订购`);
    expect(screen.queryByTestId('countdown')).toBeNull();
    expect(screen.queryByText(/督办/)).toBeNull();
  });

  it('renders nothing when no leg is open', () => {
    const { container } = render(<TicketDeadlines now={now} deadlines={[leg({ status: 'cancelled' })]} />);
    expect(container.innerHTML).toBe('');
  });
});
