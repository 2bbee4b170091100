import { countdown, span } from './countdown.util';

describe('countdown', () => {
  const now = new Date('2026-03-05T10:00:00Z');
  const at = (minutes: number, seconds = 0) => new Date(now.getTime() + minutes * 60_000 + seconds * 1000).toISOString();

  it('counts minutes, hours with minutes, and days with hours', () => {
    expect(countdown(at(40), now)).toEqual({ text: '剩余 40分钟', late: false });
    expect(countdown(at(85), now)).toEqual({ text: '剩余 1小时25分', late: false });
    expect(countdown(at(120), now)).toEqual({ text: '剩余 2小时', late: false });
    expect(countdown(at(2 * 1440 + 3 * 60 + 59), now)).toEqual({ text: '剩余 2天3小时', late: false });
    expect(countdown(at(1440), now)).toEqual({ text: '剩余 1天', late: false });
  });

  it('rounds down to whole minutes, and says so under one', () => {
    expect(countdown(at(25, 59), now)?.text).toBe('剩余 25分钟');
    expect(countdown(at(0, 30), now)).toEqual({ text: '剩余 不足1分钟', late: false });
  });

  it('is 已到期 (red) at exactly zero and within the first minute after', () => {
    expect(countdown(at(0), now)).toEqual({ text: '已到期', late: true });
    expect(countdown(at(0, -59), now)).toEqual({ text: '已到期', late: true });
  });

  it('says how long past due, in red', () => {
    expect(countdown(at(-40), now)).toEqual({ text: '已超期 40分钟', late: true });
    expect(countdown(at(-65), now)).toEqual({ text: '已超期 1小时5分', late: true });
    expect(countdown(at(-(3 * 1440 + 60)), now)).toEqual({ text: '已超期 3天1小时', late: true });
  });

  it('turns red when the API flags a breach even if the earliest running deadline is ahead', () => {
    expect(countdown(at(30), now, true)).toEqual({ text: '剩余 30分钟', late: true });
  });

  it('has nothing to show without a deadline, unless the API says overdue', () => {
    expect(countdown(null, now)).toBeNull();
    expect(countdown(undefined, now)).toBeNull();
    expect(countdown('not a date', now)).toBeNull();
    expect(countdown(null, now, true)).toEqual({ text: '已超期', late: true });
  });

  it('accepts the time as a number and spells spans', () => {
    expect(countdown(at(10), now.getTime())?.text).toBe('剩余 10分钟');
    expect(span(0)).toBe('0分钟');
    expect(span(59)).toBe('59分钟');
    expect(span(60)).toBe('1小时');
    expect(span(1439)).toBe('23小时59分');
  });
});
