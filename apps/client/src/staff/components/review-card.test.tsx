import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { disclosuresApi } from '../../api/disclosures.api';
import { approvedDisclosure } from '../../components/disclosure-view/disclosure.fixture';
import { ReviewCard } from './review-card';

jest.mock('../../api/disclosures.api', () => ({ disclosuresApi: { review: jest.fn(), reviewNotice: jest.fn() } }));
const api = disclosuresApi as unknown as Record<'review' | 'reviewNotice', jest.Mock>;
jest.mock('../../platform/pdf-viewer', () => ({ openPdf: jest.fn() }));
const openPdf = jest.requireMock('../../platform/pdf-viewer').openPdf as jest.Mock;
const pending = { ...approvedDisclosure, status: 'pending_review' as const, reviewed: null, canReview: true };

describe('ReviewCard (社区审核)', () => {
  beforeEach(() => Object.values(api).forEach((m) => m.mockReset()));

  it('approves a 五公开 version', async () => {
    api.review.mockResolvedValue(approvedDisclosure);
    const onDone = jest.fn();
    render(<ReviewCard review={{ kind: 'disclosure', item: pending }} onDone={onDone} />);
    fireEvent.click(screen.getByTestId('review-approve'));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(api.review).toHaveBeenCalledWith(7, 'approve', undefined);
  });

  it('needs a reason to reject, and sends it for a 公示栏 draft', async () => {
    api.reviewNotice.mockResolvedValue({});
    const draft = {
      id: 3, compound: { id: 31, name: '云凤花园' }, kind: 'fund_spending' as const, kindLabel: '维修资金使用公示', title: '11月维修资金公示', body: '电梯', month: '2026-11',
      amounts: [{ item: '电梯主板', amount: '18600.00' }], total: '18600.00', attachmentIds: [], attachments: [], correctsId: null, status: 'pending_review' as const,
      drafted: { by: { id: 9, displayName: '马建军' }, at: '2026-12-01T02:00:00.000Z' }, reviewed: null, noticeId: null, canReview: true,
    };
    render(<ReviewCard review={{ kind: 'notice', item: draft }} onDone={jest.fn()} />);
    expect(screen.getByTestId('notice-total').textContent).toContain('18600.00 元');
    fireEvent.click(screen.getByTestId('review-reject'));
    expect(screen.getByText('退回时请写明原因')).toBeTruthy();
    fireEvent.change(screen.getByTestId('review-note'), { target: { value: '请附发票' } });
    fireEvent.click(screen.getByTestId('review-reject'));
    await waitFor(() => expect(api.reviewNotice).toHaveBeenCalledWith(3, 'reject', '请附发票'));
  });

  it('lets the reviewer open a draft’s PDF attachment before deciding', async () => {
    openPdf.mockResolvedValue(undefined);
    const id = '7f0c2a4e-5b8d-4c1e-9a3f-2d6e8b1c0a99';
    const draft = {
      id: 4, compound: { id: 31, name: '云凤花园' }, kind: 'public_income' as const, kindLabel: '公共收益及使用公示', title: '11月公共收益公示', body: '广告收入', month: '2026-11',
      amounts: [{ item: '电梯广告', amount: '3200.00' }], total: '3200.00', attachmentIds: [id], attachments: [{ id, mimeType: 'application/pdf' }], correctsId: null, status: 'pending_review' as const,
      drafted: { by: { id: 9, displayName: '马建军' }, at: '2026-12-01T02:00:00.000Z' }, reviewed: null, noticeId: null, canReview: true,
    };
    render(<ReviewCard review={{ kind: 'notice', item: draft }} onDone={jest.fn()} />);
    fireEvent.click(screen.getByTestId('notice-pdf-link'));
    await waitFor(() => expect(openPdf).toHaveBeenCalledWith(`/api/uploads/${id}`));
  });
});
