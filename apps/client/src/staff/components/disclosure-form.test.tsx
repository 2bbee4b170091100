import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { disclosuresApi } from '../../api/disclosures.api';
import { approvedDisclosure } from '../../components/disclosure-view/disclosure.fixture';
import { DisclosureForm, parseFeeLines } from './disclosure-form';

jest.mock('../../api/disclosures.api', () => ({ disclosuresApi: { create: jest.fn(), edit: jest.fn(), submit: jest.fn() } }));
const api = disclosuresApi as unknown as Record<'create' | 'edit' | 'submit', jest.Mock>;

describe('DisclosureForm (五公开 editing)', () => {
  beforeEach(() => Object.values(api).forEach((m) => m.mockReset()));

  it('parses fee lines exactly and names the bad line', () => {
    expect(parseFeeLines('物业费｜元/平方米·月｜1.20\n车位|元/个·月|60')).toEqual({ items: [{ item: '物业费', unit: '元/平方米·月', amount: '1.20' }, { item: '车位', unit: '元/个·月', amount: '60' }], problem: null });
    expect(parseFeeLines('物业费｜元/平方米·月｜1.234').problem).toBe('收费标准第1行的金额应为数字，最多两位小数');
    expect(parseFeeLines('物业费 1.20').problem).toBe('收费标准第1行应为“项目｜单位｜金额”');
  });

  it('starts a new version from the public one and submits it', async () => {
    api.create.mockResolvedValue({ ...approvedDisclosure, id: 8, status: 'draft', revision: 1 });
    api.submit.mockResolvedValue({ ...approvedDisclosure, id: 8, status: 'pending_review' });
    const onDone = jest.fn();
    render(<DisclosureForm compoundId={31} base={approvedDisclosure} onDone={onDone} />);
    fireEvent.change(screen.getByTestId('dis-phone'), { target: { value: '13519204418' } });
    fireEvent.click(screen.getByTestId('dis-submit'));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(api.create).toHaveBeenCalledWith(31, expect.objectContaining({ complaintPhone: '13519204418', feeItems: approvedDisclosure.feeItems, basisKind: 'price_bureau' }));
    expect(api.submit).toHaveBeenCalledWith(8, 1);
  });

  it('continues an open draft at its revision; refuses a bad phone before sending', async () => {
    const draft = { ...approvedDisclosure, id: 9, status: 'draft' as const, revision: 4 };
    api.edit.mockResolvedValue({ ...draft, revision: 5 });
    api.submit.mockResolvedValue({ ...draft, status: 'pending_review' });
    render(<DisclosureForm compoundId={31} draft={draft} onDone={jest.fn()} />);
    fireEvent.change(screen.getByTestId('dis-phone'), { target: { value: '5108826' } });
    fireEvent.click(screen.getByTestId('dis-submit'));
    expect(screen.getByText(/投诉电话格式不正确/)).toBeTruthy();
    expect(api.edit).not.toHaveBeenCalled();
    fireEvent.change(screen.getByTestId('dis-phone'), { target: { value: '0951-5108826' } });
    fireEvent.click(screen.getByTestId('dis-submit'));
    await waitFor(() => expect(api.submit).toHaveBeenCalledWith(9, 5));
    expect(api.edit).toHaveBeenCalledWith(9, 4, expect.any(Object));
  });
});
