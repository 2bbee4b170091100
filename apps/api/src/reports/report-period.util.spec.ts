import { isoDay, periodDays, reportBuckets, reportPeriod } from './report-period.util';

const iso = (d: Date) => d.toISOString();

describe('report periods and buckets (Asia/Shanghai dates)', () => {
  it('a period is [from 00:00, the day after to 00:00) in Shanghai', () => {
    const p = reportPeriod('2026-03-02', '2026-03-31');
    expect(iso(p.start)).toBe('2026-03-01T16:00:00.000Z');
    expect(iso(p.end)).toBe('2026-03-31T16:00:00.000Z');
  });

  it('refuses dates that do not exist and counts days inclusively', () => {
    expect(isoDay('2026-02-29')).toBeNull();
    expect(isoDay('2024-02-29')).not.toBeNull();
    expect(isoDay('2026-3-1')).toBeNull();
    expect(periodDays('2024-01-01', '2024-12-31')).toBe(366);
    expect(periodDays('2026-03-02', '2026-03-02')).toBe(1);
  });

  it('weeks start on Monday and are clipped to the period', () => {
    const buckets = reportBuckets(reportPeriod('2026-03-04', '2026-03-17'), 'week');
    expect(buckets.map((b) => b.label)).toEqual(['2026-03-02', '2026-03-09', '2026-03-16']);
    // the first week covers Wednesday 03-04 … Sunday 03-08, the last Monday 03-16 … Tuesday 03-17
    expect(iso(buckets[0].start)).toBe('2026-03-03T16:00:00.000Z');
    expect(iso(buckets[2].end)).toBe('2026-03-17T16:00:00.000Z');
  });

  it('months across a year end, and days', () => {
    expect(reportBuckets(reportPeriod('2025-12-15', '2026-02-01'), 'month').map((b) => b.label)).toEqual(['2025-12-01', '2026-01-01', '2026-02-01']);
    expect(reportBuckets(reportPeriod('2026-02-27', '2026-03-01'), 'day').map((b) => b.label)).toEqual(['2026-02-27', '2026-02-28', '2026-03-01']);
  });

  it('without an interval, one bucket: the whole period, labelled from', () => {
    const p = reportPeriod('2026-03-02', '2026-03-31');
    expect(reportBuckets(p, null)).toEqual([{ label: '2026-03-02', start: p.start, end: p.end }]);
  });
});
