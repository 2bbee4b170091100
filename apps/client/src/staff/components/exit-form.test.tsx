import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { noticesApi } from '../../api/notices.api';
import { orgApi } from '../../api/org.api';
import { votesApi } from '../../api/votes.api';
import { citableVotes, ExitForm } from './exit-form';
import { notice } from './notice.fixture';

jest.mock('../../api/notices.api', () => ({ noticesApi: { exit: jest.fn() } }));
jest.mock('../../api/org.api', () => ({ orgApi: { companies: jest.fn() } }));
jest.mock('../../api/votes.api', () => ({ votesApi: { list: jest.fn() } }));
const exit = noticesApi.exit as jest.Mock;

const overdue = { ...notice, status: 'overdue' as const };
const done = {
  id: 5, company: { id: 3, name: '宁夏塞上阳光物业服务有限公司' }, compound: { id: 11, name: '湖畔嘉苑' }, effectiveOn: '2026-12-10', noticeId: 31, voteId: null,
  successor: { id: 4, name: '银川中房物业服务有限公司' }, endedContracts: [], reason: '限期整改逾期未完成', createdAt: '2026-12-04T02:00:00.000Z',
  openTickets: [{ id: 77, no: 'HG261201000077', status: 'accepted', dispatchedAt: '2026-12-01T02:00:00.000Z' }],
};

describe('ExitForm (清退)', () => {
  beforeEach(() => {
    exit.mockReset();
    (votesApi.list as jest.Mock).mockResolvedValue({ items: [] });
    (orgApi.companies as jest.Mock).mockResolvedValue([
      { id: 3, name: '宁夏塞上阳光物业服务有限公司', code: 'saishang-wuye', shortName: null, phone: null, isFallback: false },
      { id: 4, name: '银川中房物业服务有限公司', code: 'zhongfang-wuye', shortName: null, phone: null, isFallback: false },
    ]);
  });

  it('asks for a reason first', async () => {
    render(<ExitForm notice={overdue} today="2026-12-04" />);
    await screen.findByText('确认清退');
    fireEvent.click(screen.getByTestId('exit-submit'));
    expect(screen.getByText('请填写清退原因（至少5个字）')).toBeTruthy();
    expect(exit).not.toHaveBeenCalled();
  });

  it('records the exit with a successor and lists the open tickets to re-dispatch', async () => {
    exit.mockResolvedValue(done);
    render(<ExitForm notice={overdue} today="2026-12-04" />);
    fireEvent.click(screen.getByTestId('exit-successor'));
    fireEvent.click(await screen.findByText('银川中房物业服务有限公司'));
    // The company being dismissed is not offered as its own successor.
    expect(screen.queryAllByText('宁夏塞上阳光物业服务有限公司')).toHaveLength(0);
    fireEvent.change(screen.getByTestId('exit-reason'), { target: { value: '限期整改逾期未完成' } });
    fireEvent.click(screen.getByTestId('exit-submit'));
    await waitFor(() => expect(exit).toHaveBeenCalledWith({
      organizationId: 3, compoundId: 11, effectiveOn: '2026-12-04', reason: '限期整改逾期未完成', noticeId: 31, successorCompanyId: 4,
    }));
    expect(await screen.findByText('已清退：湖畔嘉苑，自2026-12-10起由银川中房物业服务有限公司接管')).toBeTruthy();
    expect(screen.getByText('HG261201000077（处理中）')).toBeTruthy();
  });

  it('cites the owners’ passed vote to dismiss the company when there is one', async () => {
    exit.mockResolvedValue(done);
    (votesApi.list as jest.Mock).mockResolvedValue({ items: [dismissal, { ...dismissal, id: 8, result: { ...dismissal.result, passed: false } }] });
    render(<ExitForm notice={overdue} today="2026-12-04" />);
    fireEvent.click(await screen.findByTestId('exit-vote'));
    // Only the passed vote is offered; the one that failed is not.
    expect(screen.getAllByText(/2026-11-30通过/)).toHaveLength(1);
    fireEvent.click(screen.getByText('是否解聘宁夏塞上阳光物业（2026-11-30通过）'));
    fireEvent.change(screen.getByTestId('exit-reason'), { target: { value: '业主大会表决解聘' } });
    fireEvent.click(screen.getByTestId('exit-submit'));
    await waitFor(() => expect(exit).toHaveBeenCalledWith(expect.objectContaining({ voteId: 7, organizationId: 3, compoundId: 11 })));
  });
});

const dismissal = {
  id: 7, compound: { id: 11, name: '湖畔嘉苑' }, question: '是否解聘宁夏塞上阳光物业', status: 'closed', purpose: 'dismiss_company',
  purposeCompany: { id: 3, name: '宁夏塞上阳光物业服务有限公司' }, closedAt: '2026-11-30T10:00:00.000Z', result: { passed: true },
} as unknown as Parameters<typeof citableVotes>[0][number];

describe('citableVotes', () => {
  it('keeps only closed, passed votes of the compound that dismiss this company or hire the successor', () => {
    const hire = { ...dismissal, id: 9, purpose: 'hire_company', purposeCompany: { id: 4, name: '银川中房物业服务有限公司' } } as typeof dismissal;
    const other = { ...dismissal, id: 10, compound: { id: 12, name: '别的小区' } } as typeof dismissal;
    const open = { ...dismissal, id: 11, status: 'scheduled' } as typeof dismissal;
    expect(citableVotes([dismissal, hire, other, open], 11, 3, 0).map((v) => v.id)).toEqual([7]);
    expect(citableVotes([dismissal, hire, other, open], 11, 3, 4).map((v) => v.id)).toEqual([7, 9]);
  });
});
