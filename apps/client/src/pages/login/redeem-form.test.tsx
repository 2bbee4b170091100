import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ApiError } from '../../api/api-error';
import { peopleApi } from '../../api/people.api';
import { RedeemForm } from './redeem-form';

jest.mock('../../api/people.api', () => ({ peopleApi: { redeem: jest.fn() } }));
const redeem = peopleApi.redeem as jest.Mock;

const fill = (username: string, code: string, password: string, again = password) => {
  fireEvent.change(screen.getByTestId('redeem-username'), { target: { value: username } });
  fireEvent.change(screen.getByTestId('redeem-code'), { target: { value: code } });
  fireEvent.change(screen.getByTestId('redeem-password'), { target: { value: password } });
  fireEvent.change(screen.getByTestId('redeem-again'), { target: { value: again } });
  fireEvent.click(screen.getByTestId('redeem-submit'));
};

describe('RedeemForm (使用验证码设置密码)', () => {
  beforeEach(() => redeem.mockReset());

  it('sets the password with the code and signs in', async () => {
    const token = { token: 't', expiresIn: 3600, userId: 9 };
    redeem.mockResolvedValue(token);
    const onSignedIn = jest.fn(async () => undefined);
    render(<RedeemForm onSignedIn={onSignedIn} />);
    fill(' zhang.lijuan ', ' K7WQ-M3PX ', 'Long-enough-1');
    await waitFor(() => expect(onSignedIn).toHaveBeenCalledWith(token));
    expect(redeem).toHaveBeenCalledWith('zhang.lijuan', 'K7WQ-M3PX', 'Long-enough-1');
  });

  it('checks length and the repeat before calling the API', () => {
    render(<RedeemForm onSignedIn={jest.fn()} />);
    fill('li', 'ABCD-EFGH', 'short');
    expect(screen.getByText('新密码至少10位')).toBeTruthy();
    fill('li', 'ABCD-EFGH', 'Long-enough-1', 'Long-enough-2');
    expect(screen.getByText('两次输入的密码不一致')).toBeTruthy();
    expect(redeem).not.toHaveBeenCalled();
  });

  it('a wrong, used or expired code reads as such', async () => {
    redeem.mockRejectedValue(new ApiError('INVALID_CODE', 401, 'code: wrong'));
    render(<RedeemForm onSignedIn={jest.fn()} />);
    fill('li', 'ABCD-EFGH', 'Long-enough-1');
    expect(await screen.findByText('用户名或验证码错误，或验证码已失效')).toBeTruthy();
  });
});
