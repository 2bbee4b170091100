import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ApiError } from '../../api/api-error';
import { noticesApi } from '../../api/notices.api';
import { NoticeAnswerForm } from './notice-answer-form';
import { notice } from './notice.fixture';

jest.mock('../../api/notices.api', () => ({ noticesApi: { answer: jest.fn() } }));
// The uploader is tested on its own; here it hands over one uploaded photo when tapped.
jest.mock('../../components/photo-uploader/photo-uploader', () => ({
  PhotoUploader: ({ onChange }: { onChange: (p: Array<{ id: string; url: string }>, busy: boolean) => void }) => (
    <button data-testid="photo-add" onClick={() => onChange([{ id: 'p-1', url: '/api/uploads/p-1' }], false)}>添加照片</button>
  ),
}));
const answer = noticesApi.answer as jest.Mock;

describe('NoticeAnswerForm (整改答复)', () => {
  beforeEach(() => answer.mockReset());

  it('asks for what was done first', () => {
    render(<NoticeAnswerForm notice={notice} onDone={jest.fn()} />);
    fireEvent.click(screen.getByTestId('answer-submit'));
    expect(screen.getByText('请填写整改情况（至少2个字）')).toBeTruthy();
    expect(answer).not.toHaveBeenCalled();
  });

  it('sends the text and the photo ids', async () => {
    const answered = { ...notice, status: 'answered' };
    answer.mockResolvedValue(answered);
    const onDone = jest.fn();
    render(<NoticeAnswerForm notice={notice} onDone={onDone} />);
    fireEvent.change(screen.getByTestId('answer-body'), { target: { value: ' 已更换灯具12套 ' } });
    fireEvent.click(screen.getByTestId('photo-add'));
    fireEvent.click(screen.getByTestId('answer-submit'));
    await waitFor(() => expect(onDone).toHaveBeenCalledWith(answered));
    expect(answer).toHaveBeenCalledWith(31, '已更换灯具12套', ['p-1']);
  });

  it('shows the deadline refusal in Chinese', async () => {
    answer.mockRejectedValue(new ApiError('NOTICE_DEADLINE_PASSED', 409, 'the deadline passed'));
    render(<NoticeAnswerForm notice={notice} onDone={jest.fn()} />);
    fireEvent.change(screen.getByTestId('answer-body'), { target: { value: '补交答复' } });
    fireEvent.click(screen.getByTestId('answer-submit'));
    expect(await screen.findByText('整改期限已过，不能再提交答复')).toBeTruthy();
  });
});
