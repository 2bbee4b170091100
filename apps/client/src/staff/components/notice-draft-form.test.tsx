import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { disclosuresApi } from '../../api/disclosures.api';
import { NoticeDraftForm, parseAmountLines } from './notice-draft-form';

jest.mock('../../api/disclosures.api', () => ({ disclosuresApi: { draftNotice: jest.fn() } }));
const draftNotice = disclosuresApi.draftNotice as jest.Mock;

describe('NoticeDraftForm (业委会 公示)', () => {
  beforeEach(() => draftNotice.mockReset());

  it('parses amount lines exactly, naming the bad line', () => {
    expect(parseAmountLines('电梯主板｜18600.00\n监理费|0.1')).toEqual({ amounts: [{ item: '电梯主板', amount: '18600.00' }, { item: '监理费', amount: '0.1' }], problem: null });
    expect(parseAmountLines('电梯主板｜18,600').problem).toBe('金额明细第1行的金额应为数字，最多两位小数');
  });

  it('sends kind, month, title, text, amounts and the corrected notice', async () => {
    draftNotice.mockResolvedValue({ id: 5 });
    const onDrafted = jest.fn();
    render(<NoticeDraftForm compoundId={31} month="2026-11" correctsId={12} onDrafted={onDrafted} />);
    fireEvent.click(screen.getByTestId('notice-kind'));
    fireEvent.click(screen.getByText('公共收益及使用公示'));
    fireEvent.change(screen.getByTestId('notice-title'), { target: { value: '2026年11月公共收益公示' } });
    fireEvent.change(screen.getByTestId('notice-body'), { target: { value: '电梯广告收入用于绿化' } });
    fireEvent.change(screen.getByTestId('notice-amounts'), { target: { value: '电梯广告收入｜3200' } });
    fireEvent.click(screen.getByTestId('notice-submit'));
    await waitFor(() => expect(onDrafted).toHaveBeenCalled());
    expect(draftNotice).toHaveBeenCalledWith(31, {
      kind: 'public_income', month: '2026-11', title: '2026年11月公共收益公示', body: '电梯广告收入用于绿化', amounts: [{ item: '电梯广告收入', amount: '3200' }], correctsId: 12,
    });
  });

  it('refuses a bad month before sending', () => {
    render(<NoticeDraftForm compoundId={31} month="2026-13" onDrafted={jest.fn()} />);
    fireEvent.click(screen.getByTestId('notice-submit'));
    expect(screen.getByText('月份格式应为 2026-11')).toBeTruthy();
    expect(draftNotice).not.toHaveBeenCalled();
  });
});
