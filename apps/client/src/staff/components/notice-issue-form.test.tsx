import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { noticesApi } from '../../api/notices.api';
import { orgApi } from '../../api/org.api';
import { NoticeIssueForm, parseTicketIds } from './notice-issue-form';
import { notice } from './notice.fixture';

jest.mock('../../api/notices.api', () => ({ noticesApi: { issue: jest.fn() } }));
jest.mock('../../api/org.api', () => ({ orgApi: { companies: jest.fn(), compounds: jest.fn() } }));
const issue = noticesApi.issue as jest.Mock;

describe('NoticeIssueForm (下发督导通知)', () => {
  beforeEach(() => {
    issue.mockReset();
    (orgApi.companies as jest.Mock).mockResolvedValue([{ id: 3, name: '宁夏塞上阳光物业服务有限公司', code: 'saishang-wuye', shortName: null, phone: null, isFallback: false }]);
    (orgApi.compounds as jest.Mock).mockResolvedValue([{ id: 11, name: '湖畔嘉苑', communityName: '安居苑社区', buildings: [] }]);
  });

  it('reads ticket ids typed with any separator, refuses anything else', () => {
    expect(parseTicketIds('12, 15，18、12')).toEqual([12, 15, 18]);
    expect(parseTicketIds('')).toEqual([]);
    expect(parseTicketIds('HG26-12')).toBeNull();
  });

  it('asks for the company first', async () => {
    render(<NoticeIssueForm onDone={jest.fn()} />);
    await act(async () => undefined); // the pickers' lists arrive
    fireEvent.click(screen.getByTestId('notice-submit'));
    expect(screen.getByText('请选择物业公司')).toBeTruthy();
  });

  it('issues for one compound with the working days and tickets', async () => {
    issue.mockResolvedValue(notice);
    const onDone = jest.fn();
    render(<NoticeIssueForm onDone={onDone} />);
    fireEvent.click(screen.getByTestId('company-select'));
    fireEvent.click(await screen.findByText('宁夏塞上阳光物业服务有限公司'));
    fireEvent.click(screen.getByTestId('notice-compound-select'));
    fireEvent.click(await screen.findByText('湖畔嘉苑'));
    fireEvent.change(screen.getByTestId('notice-problem'), { target: { value: '楼道照明多次报修超期未修复' } });
    fireEvent.change(screen.getByTestId('notice-expected'), { target: { value: '限期修复并提交照片' } });
    fireEvent.change(screen.getByTestId('notice-days'), { target: { value: '3' } });
    fireEvent.change(screen.getByTestId('notice-tickets'), { target: { value: '120, 135' } });
    fireEvent.click(screen.getByTestId('notice-submit'));
    await waitFor(() => expect(onDone).toHaveBeenCalledWith(notice));
    expect(issue).toHaveBeenCalledWith({
      organizationId: 3, compoundId: 11, problem: '楼道照明多次报修超期未修复', expected: '限期修复并提交照片', workingDays: 3, ticketIds: [120, 135],
    });
  });

  it('keeps the deadline within 1–30 working days', async () => {
    render(<NoticeIssueForm onDone={jest.fn()} />);
    fireEvent.click(screen.getByTestId('company-select'));
    fireEvent.click(await screen.findByText('宁夏塞上阳光物业服务有限公司'));
    fireEvent.change(screen.getByTestId('notice-problem'), { target: { value: '楼道照明多次报修超期未修复' } });
    fireEvent.change(screen.getByTestId('notice-expected'), { target: { value: '限期修复并提交照片' } });
    fireEvent.change(screen.getByTestId('notice-days'), { target: { value: '0' } });
    fireEvent.click(screen.getByTestId('notice-submit'));
    expect(screen.getByText('整改期限为1–30个工作日')).toBeTruthy();
    expect(issue).not.toHaveBeenCalled();
  });
});
