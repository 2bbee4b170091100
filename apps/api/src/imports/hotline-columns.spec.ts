import { mapHeader, normalizePhone, parseCallTime } from './hotline-columns';

describe('12345 columns', () => {
  it('finds columns by name or alias and names the missing required ones', () => {
    const { index, missing } = mapHeader(['工单号', ' 来电时间 ', '小区', '其他']);
    expect(index).toEqual({ caseNo: 0, calledAt: 1, compound: 2 });
    expect(missing).toEqual(['问题类别', '诉求内容']);
  });

  it('reads call times in Beijing time and refuses impossible dates', () => {
    expect(parseCallTime('2026-11-25 09:30')?.toISOString()).toBe('2026-11-25T01:30:00.000Z');
    expect(parseCallTime('2026/3/1 0:05:09')?.toISOString()).toBe('2026-02-28T16:05:09.000Z');
    expect(parseCallTime('2026-11-25T09:30:00+08:00')?.toISOString()).toBe('2026-11-25T01:30:00.000Z');
    expect(parseCallTime('2026-02-30 10:00')).toBeNull();
    expect(parseCallTime('2026-11-25 24:10')).toBeNull();
    expect(parseCallTime('昨天上午')).toBeNull();
  });

  it('normalizes phone numbers to digits', () => {
    expect(normalizePhone('0951-5012360')).toBe('09515012360');
    expect(normalizePhone('+86 138 1234 5678')).toBe('13812345678');
  });
});
