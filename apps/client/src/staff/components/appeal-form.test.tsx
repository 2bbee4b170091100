import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { appealsApi } from '../../api/appeals.api';
import { ApiError } from '../../api/api-error';
import { AppealForm } from './appeal-form';

jest.mock('../../api/appeals.api', () => ({ appealsApi: { file: jest.fn() } }));
const file = appealsApi.file as jest.Mock;

describe('AppealForm (申诉)', () => {
  beforeEach(() => file.mockReset());

  it('files the trimmed reason against the rating the ticket view offered', async () => {
    const appeal = { id: 3, status: 'pending' };
    file.mockResolvedValue(appeal);
    const onDone = jest.fn();
    render(<AppealForm ticketId={7} ratingEventId={41} onDone={onDone} />);
    fireEvent.change(screen.getByTestId('reason'), { target: { value: '  居民要求更换整栋楼水管，超出报修范围  ' } });
    fireEvent.click(screen.getByText('提交申诉'));
    await waitFor(() => expect(onDone).toHaveBeenCalledWith(appeal));
    expect(file).toHaveBeenCalledWith(7, '居民要求更换整栋楼水管，超出报修范围', 41);
  });

  it('asks for a reason of at least 5 characters before calling the API', () => {
    render(<AppealForm ticketId={7} ratingEventId={41} onDone={jest.fn()} />);
    fireEvent.change(screen.getByTestId('reason'), { target: { value: ' 不合理 ' } });
    fireEvent.click(screen.getByText('提交申诉'));
    expect(screen.getByText('请填写申诉理由（至少5个字）')).toBeTruthy();
    expect(file).not.toHaveBeenCalled();
  });

  it('shows the API’s refusal in Chinese (the window closed meanwhile)', async () => {
    file.mockRejectedValue(new ApiError('APPEAL_WINDOW_CLOSED', 409, 'ratingEventId: the appeal window closed'));
    const onDone = jest.fn();
    render(<AppealForm ticketId={7} ratingEventId={41} onDone={onDone} />);
    fireEvent.change(screen.getByTestId('reason'), { target: { value: '居民诉求超出服务范围' } });
    fireEvent.click(screen.getByText('提交申诉'));
    expect(await screen.findByText('已超过申诉期限')).toBeTruthy();
    expect(onDone).not.toHaveBeenCalled();
  });
});
