import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { CompoundNotice } from '../../api/api.types';
import { NoticeCard } from './notice-card';

jest.mock('../../platform/pdf-viewer', () => ({ openPdf: jest.fn() }));
jest.mock('../photo-thumb/photo-thumb', () => ({ PhotoThumb: ({ url }: { url: string }) => <img data-testid="photo" data-url={url} /> }));
const openPdf = jest.requireMock('../../platform/pdf-viewer').openPdf as jest.Mock;
const PDF_ID = '7f0c2a4e-5b8d-4c1e-9a3f-2d6e8b1c0a99';
const PHOTO_ID = '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';

const spending: CompoundNotice = {
  id: 12, kind: 'fund_spending', title: '2026年11月维修资金使用公示', body: '更换2号楼电梯主板', voteId: null, correctsId: null, correctedById: null,
  data: { month: '2026-11', amounts: [{ item: '电梯主板', amount: '18600.00' }, { item: '监理费', amount: '0.10' }], total: '18600.10', attachmentIds: [] },
  publishedAt: '2026-12-01T02:00:00.000Z',
};

describe('NoticeCard (公示栏)', () => {
  it('shows the month, the kind, every amount exactly and the total', () => {
    render(<NoticeCard notice={spending} />);
    expect(screen.getByText(/2026年11月 · 维修资金使用公示/)).toBeTruthy();
    expect(screen.getByText('18600.00 元')).toBeTruthy();
    expect(screen.getByTestId('notice-total').textContent).toContain('18600.10 元');
    expect(screen.queryByTestId('corrected')).toBeNull();
  });

  it('marks a corrected notice 已更正, and a correction as such', () => {
    const { rerender } = render(<NoticeCard notice={{ ...spending, correctedById: 13 }} />);
    expect(screen.getByTestId('corrected').textContent).toBe('已更正');
    rerender(<NoticeCard notice={{ ...spending, id: 13, correctsId: 12 }} />);
    expect(screen.getByText(/更正此前公示/)).toBeTruthy();
  });

  it('shows a PDF attachment as a link that opens it, photos as photos', async () => {
    openPdf.mockResolvedValue(undefined);
    render(<NoticeCard notice={{ ...spending, data: { ...spending.data, attachmentIds: [PHOTO_ID, PDF_ID], attachments: [{ id: PHOTO_ID, mimeType: 'image/jpeg' }, { id: PDF_ID, mimeType: 'application/pdf' }] } }} />);
    expect(screen.getAllByTestId('photo').map((p) => p.getAttribute('data-url'))).toEqual([`/api/uploads/${PHOTO_ID}`]);
    fireEvent.click(screen.getByTestId('notice-pdf-link'));
    await waitFor(() => expect(openPdf).toHaveBeenCalledWith(`/api/uploads/${PDF_ID}`));
  });

  it('shows the attachments of a notice published before types were recorded as photos', () => {
    render(<NoticeCard notice={{ ...spending, data: { ...spending.data, attachmentIds: [PHOTO_ID] } }} />);
    expect(screen.getAllByTestId('photo')).toHaveLength(1);
    expect(screen.queryByTestId('notice-pdf-link')).toBeNull();
  });

  it('shows a vote result without amounts', () => {
    render(<NoticeCard notice={{ ...spending, kind: 'vote_result', data: { passed: true } }} />);
    expect(screen.getByText(/表决结果公告/)).toBeTruthy();
    expect(screen.queryByTestId('notice-total')).toBeNull();
  });
});
