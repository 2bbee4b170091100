import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { TicketDetail } from '../../api/api.types';
import { ticketsApi } from '../../api/tickets.api';
import { VisitForm } from './visit-form';

jest.mock('../../api/tickets.api', () => ({ ticketsApi: { visit: jest.fn() } }));
const visit = ticketsApi.visit as jest.Mock;

const ticket = { id: 5, reporter: { id: 2, displayName: '李建国', phone: '13800000001' } } as unknown as TicketDetail;

describe('VisitForm (电话回访)', () => {
  beforeEach(() => visit.mockReset().mockResolvedValue({}));

  it('records a reached resident with the rating and a note', async () => {
    const onDone = jest.fn();
    render(<VisitForm ticket={ticket} onDone={onDone} />);
    expect(screen.getByText(/李建国/).textContent).toContain('13800000001');
    // The number is a call button (H5 in jsdom: a tel: link).
    expect(screen.getByTestId('call').getAttribute('href')).toBe('tel:13800000001');
    fireEvent.click(screen.getByText('已接通'));
    fireEvent.click(screen.getByText('基本满意'));
    fireEvent.change(screen.getByTestId('comment'), { target: { value: '居民表示灯已亮' } });
    fireEvent.click(screen.getByText('保存回访结果'));
    await waitFor(() => expect(onDone).toHaveBeenCalledWith('updated'));
    expect(visit).toHaveBeenCalledWith(5, { reached: true, rating: 'basically_satisfied', comment: '居民表示灯已亮' });
  });

  it('records an unanswered call without a rating', async () => {
    render(<VisitForm ticket={ticket} onDone={jest.fn()} />);
    fireEvent.click(screen.getByText('未接通'));
    expect(screen.queryByText('基本满意')).toBeNull();
    fireEvent.click(screen.getByText('保存回访结果'));
    await waitFor(() => expect(visit).toHaveBeenCalledWith(5, { reached: false }));
  });

  it('asks for the rating when the resident answered', () => {
    render(<VisitForm ticket={ticket} onDone={jest.fn()} />);
    fireEvent.click(screen.getByText('已接通'));
    fireEvent.click(screen.getByText('保存回访结果'));
    expect(screen.getByText('请选择居民的评价')).toBeTruthy();
    expect(visit).not.toHaveBeenCalled();
  });
});
