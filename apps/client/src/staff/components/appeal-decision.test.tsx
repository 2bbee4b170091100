import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { appealsApi } from '../../api/appeals.api';
import { ApiError } from '../../api/api-error';
import type { Appeal } from '../../api/api.types';
import { AppealDecisionCard } from './appeal-decision';

jest.mock('../../api/appeals.api', () => ({ appealsApi: { decide: jest.fn() } }));
const decide = appealsApi.decide as jest.Mock;

const appeal: Appeal = {
  id: 12,
  ticket: { id: 7, no: 'HG261126000007', category: '路灯不亮', compound: '湖畔嘉苑', community: '安居苑社区' },
  ratingEventId: 41, rating: 'dissatisfied', ratingComment: '还是不亮', ratedAt: '2026-11-25T02:00:00.000Z',
  handler: { id: 3, name: '宁夏塞上阳光物业' }, reason: '居民要求更换整条路的路灯，超出报修范围', status: 'pending',
  filedBy: { id: 9, displayName: '赵经理' }, filedAt: '2026-11-25T04:00:00.000Z', decidedBy: null, decidedAt: null, decisionNote: null,
  canDecide: true,
};

describe('AppealDecisionCard (申诉裁定)', () => {
  beforeEach(() => decide.mockReset());

  it('shows what the resident said and why the handler appeals', () => {
    render(<AppealDecisionCard appeal={appeal} onDecided={jest.fn()} />);
    expect(screen.getByText('路灯不亮')).toBeTruthy();
    expect(screen.getByText('待裁定')).toBeTruthy();
    expect(screen.getByText(/居民评价：不满意.*“还是不亮”/)).toBeTruthy();
    expect(screen.getByText(/申诉单位：宁夏塞上阳光物业 · 赵经理/)).toBeTruthy();
    expect(screen.getByText('居民要求更换整条路的路灯，超出报修范围')).toBeTruthy();
  });

  it.each([['申诉成立', 'upheld'], ['驳回申诉', 'denied']])('%s sends %s with the note', async (button, decision) => {
    const decided = { ...appeal, status: decision };
    decide.mockResolvedValue(decided);
    const onDecided = jest.fn();
    render(<AppealDecisionCard appeal={appeal} onDecided={onDecided} />);
    fireEvent.change(screen.getByTestId('note'), { target: { value: ' 经核实 ' } });
    fireEvent.click(screen.getByText(button));
    await waitFor(() => expect(onDecided).toHaveBeenCalledWith(decided));
    expect(decide).toHaveBeenCalledWith(12, decision, '经核实');
  });

  it('asks for a note first', () => {
    render(<AppealDecisionCard appeal={appeal} onDecided={jest.fn()} />);
    fireEvent.click(screen.getByText('申诉成立'));
    expect(screen.getByText('请填写裁定意见')).toBeTruthy();
    expect(decide).not.toHaveBeenCalled();
  });

  it('tells the loser of a race that a colleague decided first', async () => {
    decide.mockRejectedValue(new ApiError('APPEAL_DECIDED', 409, 'already decided'));
    render(<AppealDecisionCard appeal={appeal} onDecided={jest.fn()} />);
    fireEvent.change(screen.getByTestId('note'), { target: { value: '申诉成立' } });
    fireEvent.click(screen.getByText('申诉成立', { selector: 'button' }));
    expect(await screen.findByText('该申诉已被裁定，请刷新后查看')).toBeTruthy();
  });

  it('offers no decision to whoever may not decide (the handler reading its own appeal)', () => {
    render(<AppealDecisionCard appeal={{ ...appeal, canDecide: false, status: 'upheld', decisionNote: '申诉成立', decidedBy: { id: 4, displayName: '孙科长' } }} onDecided={jest.fn()} />);
    expect(screen.queryByText('驳回申诉')).toBeNull();
    expect(screen.queryByTestId('note')).toBeNull();
    expect(screen.getByText('裁定意见：申诉成立（孙科长）')).toBeTruthy();
  });
});
