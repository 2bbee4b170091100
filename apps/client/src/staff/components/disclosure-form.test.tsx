import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { disclosuresApi } from '../../api/disclosures.api';
import { approvedDisclosure } from '../../components/disclosure-view/disclosure.fixture';
import { DisclosureForm, parseFeeLines } from './disclosure-form';

jest.mock('../../api/disclosures.api', () => ({ disclosuresApi: { create: jest.fn(), edit: jest.fn(), submit: jest.fn() } }));
jest.mock('../../platform/pdf-picker', () => ({ pickPdf: jest.fn() }));
jest.mock('../../api/uploads.api', () => ({ uploadPhoto: jest.fn() }));
const api = disclosuresApi as unknown as Record<'create' | 'edit' | 'submit', jest.Mock>;
const pickPdf = jest.requireMock('../../platform/pdf-picker').pickPdf as jest.Mock;
const uploadPhoto = jest.requireMock('../../api/uploads.api').uploadPhoto as jest.Mock;
const BASIS_ID = '3c1d9e2a-8f4b-4a6c-b7d2-5e9f0a1b2c3d';

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

  it('attaches the 收费依据 document as a PDF (named chip, removable) and sends its upload id', async () => {
    pickPdf.mockResolvedValue({ path: 'wxfile://tmp_basis.pdf', name: '宁夏物价局住宅物业服务收费文件.pdf' });
    uploadPhoto.mockResolvedValue({ id: BASIS_ID, mimeType: 'application/pdf', sizeBytes: 52000, url: `/api/uploads/${BASIS_ID}` });
    api.create.mockResolvedValue({ ...approvedDisclosure, id: 9, status: 'draft', revision: 1 });
    api.submit.mockResolvedValue({ ...approvedDisclosure, id: 9, status: 'pending_review' });
    const onDone = jest.fn();
    render(<DisclosureForm compoundId={31} base={{ ...approvedDisclosure, basisUploadId: null }} onDone={onDone} />);
    fireEvent.click(screen.getByTestId('dis-basis-pdf-add'));
    await waitFor(() => expect(screen.getByTestId('dis-basis-pdf-chip').textContent).toContain('宁夏物价局住宅物业服务收费文件.pdf'));
    fireEvent.click(screen.getByTestId('dis-submit'));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(api.create).toHaveBeenCalledWith(31, expect.objectContaining({ basisUploadId: BASIS_ID }));
  });

  it('drops the basis document when its chip is removed', async () => {
    api.create.mockResolvedValue({ ...approvedDisclosure, id: 9, status: 'draft', revision: 1 });
    api.submit.mockResolvedValue({ ...approvedDisclosure, id: 9, status: 'pending_review' });
    const onDone = jest.fn();
    render(<DisclosureForm compoundId={31} base={{ ...approvedDisclosure, basisUploadId: BASIS_ID }} onDone={onDone} />);
    expect(screen.getByTestId('dis-basis-pdf-chip').textContent).toContain('已附收费依据文件');
    fireEvent.click(screen.getByTestId('dis-basis-pdf-remove'));
    expect(screen.getByTestId('dis-basis-pdf-add')).toBeTruthy();
    fireEvent.click(screen.getByTestId('dis-submit'));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(api.create.mock.calls[0][1]).not.toHaveProperty('basisUploadId');
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
