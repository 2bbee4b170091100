import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { adminApi } from '../../api/admin.api';
import type { WorkingCalendarData } from '../../api/api.types';
import { HolidayCalendar } from './holiday-calendar';

jest.mock('../../api/admin.api', () => ({ adminApi: { setCalendar: jest.fn() } }));
const setCalendar = adminApi.setCalendar as jest.Mock;

const calendar: WorkingCalendarData = {
  workdayStart: '08:30', workdayEnd: '17:30', lunchStart: '12:00', lunchEnd: '13:30',
  holidays: ['2026-10-01', '2026-10-02', '2027-01-01', '2027-06-09'],
  workingWeekends: ['2026-10-10'],
};
const kind = (date: string) => document.querySelector(`[data-date="${date}"]`)?.getAttribute('data-kind');
// Lines as copied from the 2026 notice, with the 2027 dates of a notice of that shape.
const NOTICE = '一、元旦：1月1日（周五）至3日（周日）放假，共3天。\n二、春节：2月5日（周五）至11日（周四）放假调休，共7天。2月20日（周六）上班。';

beforeEach(() => setCalendar.mockReset().mockResolvedValue(calendar));

describe('HolidayCalendar (工作日历)', () => {
  it('opens on next year and marks 放假, 调休上班 and weekends; another year is a tap away', () => {
    render(<HolidayCalendar calendar={calendar} today="2026-12-04" onSaved={jest.fn()} />);
    expect(screen.getByTestId('calendar-summary').textContent).toContain('2027年：放假 2 天（含周末），调休上班 0 天');
    expect(kind('2027-06-09')).toBe('holiday');
    expect(kind('2027-01-02')).toBe('weekend');
    expect(kind('2027-01-04')).toBe('work');
    fireEvent.click(screen.getByTestId('year-2026'));
    expect(kind('2026-10-10')).toBe('workday');
  });

  it('previews the pasted notice over the year and saves that year replaced, other years kept', async () => {
    const onSaved = jest.fn();
    render(<HolidayCalendar calendar={calendar} today="2026-12-04" onSaved={onSaved} />);
    fireEvent.change(screen.getByTestId('notice-text'), { target: { value: NOTICE } });
    fireEvent.click(screen.getByTestId('notice-parse'));
    expect(Array.from(document.querySelectorAll('[data-festival]'), (e) => e.textContent)).toEqual([
      '元旦：1月1日至1月3日，共3天',
      '春节：2月5日至2月11日，共7天；2月20日上班',
    ]);
    expect(kind('2027-02-08')).toBe('holiday');
    expect(kind('2027-02-20')).toBe('workday');
    expect(kind('2027-06-09')).toBe('work'); // the old provisional day is replaced
    expect(screen.getByTestId('calendar-summary').textContent).toContain('（预览，尚未保存）');
    fireEvent.click(screen.getByTestId('notice-save'));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(setCalendar).toHaveBeenCalledWith({
      ...calendar,
      holidays: ['2026-10-01', '2026-10-02', '2027-01-01', '2027-01-02', '2027-01-03', '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11'],
      workingWeekends: ['2026-10-10', '2027-02-20'],
    });
  });

  it('shows the notice’s problems in Chinese and will not save', () => {
    render(<HolidayCalendar calendar={calendar} today="2026-12-04" onSaved={jest.fn()} />);
    // The 2026 notice's weekdays pasted while 2027 is chosen.
    fireEvent.change(screen.getByTestId('notice-text'), { target: { value: '元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。' } });
    fireEvent.click(screen.getByTestId('notice-parse'));
    const problems = Array.from(document.querySelectorAll('[data-notice-problem]'), (e) => e.textContent);
    expect(problems).toContain('元旦：2027-01-01 通知写周四，实际是周五（年份对吗？）');
    expect((screen.getByTestId('notice-save') as HTMLButtonElement).disabled).toBe(true);
  });
});
