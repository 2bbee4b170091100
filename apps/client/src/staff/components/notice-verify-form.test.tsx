import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ApiError } from '../../api/api-error';
import { noticesApi } from '../../api/notices.api';
import { NoticeVerifyForm } from './notice-verify-form';
import { notice } from './notice.fixture';

jest.mock('../../api/notices.api', () => ({ noticesApi: { verify: jest.fn() } }));
const verify = noticesApi.verify as jest.Mock;
const answered = { ...notice, status: 'answered' as const, allowedActions: ['accept', 'reject'] as Array<'accept' | 'reject'> };

describe('NoticeVerifyForm (核验)', () => {
  beforeEach(() => verify.mockReset());

  it('a rejection needs a reason', () => {
    render(<NoticeVerifyForm notice={answered} onDone={jest.fn()} />);
    fireEvent.click(screen.getByTestId('verify-reject'));
    expect(screen.getByText('不通过时请填写原因')).toBeTruthy();
    expect(verify).not.toHaveBeenCalled();
  });

  it('rejects with the reason, accepts without one', async () => {
    verify.mockResolvedValue({ ...answered, status: 'rejected' });
    const onDone = jest.fn();
    render(<NoticeVerifyForm notice={answered} onDone={onDone} />);
    fireEvent.change(screen.getByTestId('verify-reason'), { target: { value: '仍有3处不亮' } });
    fireEvent.click(screen.getByTestId('verify-reject'));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(verify).toHaveBeenCalledWith(31, { verdict: 'rejected', reason: '仍有3处不亮' });
    verify.mockClear();
    render(<NoticeVerifyForm notice={answered} onDone={onDone} />);
    fireEvent.click(screen.getAllByTestId('verify-accept')[1]);
    await waitFor(() => expect(verify).toHaveBeenCalledWith(31, { verdict: 'accepted' }));
  });

  it('tells the loser of a race that someone verified first', async () => {
    verify.mockRejectedValue(new ApiError('STALE_STATE', 409, 'changed'));
    render(<NoticeVerifyForm notice={answered} onDone={jest.fn()} />);
    fireEvent.click(screen.getByTestId('verify-accept'));
    expect(await screen.findByText('工单已被他人处理，请刷新后重试')).toBeTruthy();
  });
});
