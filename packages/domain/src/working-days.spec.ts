import { DEFAULT_WORKING_CALENDAR } from './default-working-calendar.data';
import { workingDaysDeadline } from './working-days';
import { noticeActions, noticeTransition } from './supervision';

const cal = DEFAULT_WORKING_CALENDAR;
const end = (iso: string) => new Date(`${iso}T${cal.workdayEnd}:00+08:00`);

describe('workingDaysDeadline', () => {
  it('counts from the day after issue, skipping the weekend', () => {
    // Friday 2026-03-13, 22:00 Shanghai: 3 working days → Wednesday 03-18 at the end of office hours.
    expect(workingDaysDeadline(cal, new Date('2026-03-13T22:00:00+08:00'), 3)).toEqual(end('2026-03-18'));
    expect(workingDaysDeadline(cal, new Date('2026-03-13T08:00:00+08:00'), 1)).toEqual(end('2026-03-16'));
  });

  it('skips the National Day week and counts its 调休 Saturday', () => {
    // Wed 2026-09-30: 10-01..10-07 are off; Thu 10-08 and Fri 10-09 work, Sat 10-10 is a 调休 workday.
    expect(workingDaysDeadline(cal, new Date('2026-09-30T10:00:00+08:00'), 1)).toEqual(end('2026-10-08'));
    expect(workingDaysDeadline(cal, new Date('2026-09-30T10:00:00+08:00'), 3)).toEqual(end('2026-10-10'));
  });

  it('refuses zero or fractional days', () => {
    expect(() => workingDaysDeadline(cal, new Date(), 0)).toThrow(RangeError);
    expect(() => workingDaysDeadline(cal, new Date(), 1.5)).toThrow(RangeError);
  });
});

describe('notice transitions', () => {
  it('lets the company answer again after a rejection, never after overdue', () => {
    expect(noticeTransition('rejected', 'answer', 'company')?.to).toBe('answered');
    expect(noticeTransition('overdue', 'answer', 'company')).toBeNull();
    expect(noticeTransition('answered', 'overdue', 'system')).toBeNull();
    expect(noticeActions('answered', ['issuer'])).toEqual(['accept', 'reject']);
    expect(noticeTransition('answered', 'accept', 'company')).toBeNull();
  });
});
