import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ApiError } from '../../api/api-error';
import { disclosuresApi } from '../../api/disclosures.api';
import { NoticeDraftForm, parseAmountLines } from './notice-draft-form';

jest.mock('../../api/disclosures.api', () => ({ disclosuresApi: { draftNotice: jest.fn() } }));
jest.mock('../../platform/pdf-picker', () => ({ pickPdf: jest.fn() }));
jest.mock('../../api/uploads.api', () => ({ uploadPhoto: jest.fn() }));
const draftNotice = disclosuresApi.draftNotice as jest.Mock;
const pickPdf = jest.requireMock('../../platform/pdf-picker').pickPdf as jest.Mock;
const uploadPhoto = jest.requireMock('../../api/uploads.api').uploadPhoto as jest.Mock;
const PDF_ID = '7f0c2a4e-5b8d-4c1e-9a3f-2d6e8b1c0a99';

describe('NoticeDraftForm (业委会 公示)', () => {
  beforeEach(() => [draftNotice, pickPdf, uploadPhoto].forEach((m) => m.mockReset()));

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

  it('attaches a PDF: a named chip that can be removed, its upload id sent with the notice', async () => {
    pickPdf.mockResolvedValue({ path: 'blob:receipts', name: '11月维修票据.pdf' });
    uploadPhoto.mockResolvedValue({ id: PDF_ID, mimeType: 'application/pdf', sizeBytes: 1200, url: `/api/uploads/${PDF_ID}` });
    draftNotice.mockResolvedValue({ id: 6 });
    const onDrafted = jest.fn();
    render(<NoticeDraftForm compoundId={31} month="2026-11" onDrafted={onDrafted} />);
    fireEvent.click(screen.getByTestId('notice-pdf-add'));
    await waitFor(() => expect(screen.getByTestId('notice-pdf-chip').textContent).toContain('11月维修票据.pdf'));
    expect(uploadPhoto).toHaveBeenCalledWith('blob:receipts');
    fireEvent.click(screen.getByTestId('notice-pdf-remove'));
    expect(screen.queryByTestId('notice-pdf-chip')).toBeNull();
    fireEvent.click(screen.getByTestId('notice-pdf-add'));
    await waitFor(() => expect(screen.getByTestId('notice-pdf-chip')).toBeTruthy());
    fireEvent.change(screen.getByTestId('notice-title'), { target: { value: '2026年11月维修资金使用公示' } });
    fireEvent.change(screen.getByTestId('notice-body'), { target: { value: '2号楼电梯主板更换' } });
    fireEvent.change(screen.getByTestId('notice-amounts'), { target: { value: '电梯主板｜18600.00' } });
    fireEvent.click(screen.getByTestId('notice-submit'));
    await waitFor(() => expect(onDrafted).toHaveBeenCalled());
    expect(draftNotice.mock.calls[0][1].attachmentIds).toEqual([PDF_ID]);
  });

  it('keeps the form as it was when the PDF is not chosen or refused', async () => {
    pickPdf.mockResolvedValueOnce(null).mockResolvedValueOnce({ path: 'blob:x', name: 'x.pdf' });
    uploadPhoto.mockRejectedValue(new ApiError('VALIDATION_FAILED', 400, 'PDF 含有脚本等活动内容'));
    render(<NoticeDraftForm compoundId={31} month="2026-11" onDrafted={jest.fn()} />);
    fireEvent.click(screen.getByTestId('notice-pdf-add'));
    await waitFor(() => expect(pickPdf).toHaveBeenCalledTimes(1));
    expect(uploadPhoto).not.toHaveBeenCalled();
    fireEvent.click(screen.getByTestId('notice-pdf-add'));
    await waitFor(() => expect(screen.getByText('PDF 上传失败：填写的内容有误，请检查后再提交')).toBeTruthy());
    expect(screen.queryByTestId('notice-pdf-chip')).toBeNull();
  });

  it('refuses a bad month before sending', () => {
    render(<NoticeDraftForm compoundId={31} month="2026-13" onDrafted={jest.fn()} />);
    fireEvent.click(screen.getByTestId('notice-submit'));
    expect(screen.getByText('月份格式应为 2026-11')).toBeTruthy();
    expect(draftNotice).not.toHaveBeenCalled();
  });
});
