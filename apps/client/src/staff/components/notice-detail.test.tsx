import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { noticesApi } from '../../api/notices.api';
import { NoticeDetail } from './notice-detail';
import { notice } from './notice.fixture';

jest.mock('../../api/notices.api', () => ({ noticesApi: { downgrade: jest.fn(), answer: jest.fn(), verify: jest.fn() } }));
jest.mock('../../components/photo-uploader/photo-uploader', () => ({ PhotoUploader: () => null }));
jest.mock('../../components/photo-thumb/photo-thumb', () => ({ PhotoThumb: ({ url }: { url: string }) => <img data-photo={url} alt="" /> }));

const answer = {
  id: 1, body: '已更换灯具12套', photoIds: ['p-1'], photos: [{ id: 'p-1', url: '/api/uploads/p-1' }], answeredAt: '2026-12-02T02:00:00.000Z',
  answeredBy: { id: 9, displayName: '陈伟' }, verdict: 'rejected' as const, verdictReason: '仍有3处不亮', verifiedAt: '2026-12-02T05:00:00.000Z', verifiedBy: { id: 4, displayName: '赵志刚' },
};

describe('NoticeDetail', () => {
  it('offers the company the answer form only when the API allows it', () => {
    const { rerender } = render(<NoticeDetail notice={{ ...notice, allowedActions: ['answer'] }} issuerDesk={false} onChange={jest.fn()} />);
    expect(screen.getByTestId('answer-submit')).toBeTruthy();
    expect(screen.queryByTestId('verify-accept')).toBeNull();
    rerender(<NoticeDetail notice={{ ...notice, status: 'answered', allowedActions: ['accept', 'reject'] }} issuerDesk onChange={jest.fn()} />);
    expect(screen.queryByTestId('answer-submit')).toBeNull();
    expect(screen.getByTestId('verify-accept')).toBeTruthy();
  });

  it('shows each answer with its photos and verdict', () => {
    render(<NoticeDetail notice={{ ...notice, status: 'rejected', answers: [answer] }} issuerDesk={false} onChange={jest.fn()} />);
    expect(screen.getByText('已更换灯具12套')).toBeTruthy();
    expect(document.querySelector('[data-photo="/api/uploads/p-1"]')).toBeTruthy();
    expect(screen.getByText('核验：不通过（仍有3处不亮）')).toBeTruthy();
  });

  it('lets the issuing desk downgrade an overdue notice, then shows the downgrade', async () => {
    const overdue = { ...notice, status: 'overdue' as const, escalationLevel: 2 };
    const downgraded = { ...overdue, downgrades: [{ id: 7, compoundId: 11, compoundName: '湖畔嘉苑', steps: 1, effectiveQuarter: '2027Q1', untilQuarter: null }] };
    (noticesApi.downgrade as jest.Mock).mockResolvedValue(downgraded);
    const onChange = jest.fn();
    const { rerender } = render(<NoticeDetail notice={overdue} issuerDesk onChange={onChange} />);
    expect(screen.getByText('已逾期未整改，已提级区级督办')).toBeTruthy();
    fireEvent.click(screen.getByTestId('downgrade'));
    await waitFor(() => expect(onChange).toHaveBeenCalledWith(downgraded));
    expect(noticesApi.downgrade).toHaveBeenCalledWith(31, { steps: 1 });
    rerender(<NoticeDetail notice={downgraded} issuerDesk onChange={onChange} />);
    expect(screen.getByText('湖畔嘉苑：星级降1级，自2027Q1季度评定起')).toBeTruthy();
    expect(screen.queryByTestId('downgrade')).toBeNull();
  });

  it('offers no downgrade to the company', () => {
    render(<NoticeDetail notice={{ ...notice, status: 'overdue' }} issuerDesk={false} onChange={jest.fn()} />);
    expect(screen.queryByTestId('downgrade')).toBeNull();
  });
});
