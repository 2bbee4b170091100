// Mainland China public holidays, as seed data for the admin-editable working calendar. Each year's
// dates are set by a State Council General Office notice (国务院办公厅关于XXXX年部分节假日安排的通知),
// usually published in November of the year before; statutory days alone do not say which
// weekdays are bridged or which weekends are worked (调休), so only a published notice is final.

export interface PublicHolidaySchedule {
  readonly year: number;
  /** Where the dates come from. */
  readonly source: string;
  /** True until the dates come from the published notice: an admin must then replace them. */
  readonly provisional: boolean;
  /** Every day off in the published ranges, weekends inside a range included. */
  readonly holidays: readonly string[];
  /** Saturdays and Sundays that are workdays (调休上班). */
  readonly workingWeekends: readonly string[];
}

export const CN_PUBLIC_HOLIDAYS_2026: PublicHolidaySchedule = {
  year: 2026,
  source: '国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04)',
  provisional: false,
  holidays: [
    // 元旦: 1月1日（周四）至3日（周六）
    '2026-01-01',
    '2026-01-02',
    '2026-01-03',
    // 春节: 2月15日（腊月二十八、周日）至23日（正月初七、周一）, 9 days
    '2026-02-15',
    '2026-02-16',
    '2026-02-17',
    '2026-02-18',
    '2026-02-19',
    '2026-02-20',
    '2026-02-21',
    '2026-02-22',
    '2026-02-23',
    // 清明节: 4月4日（周六）至6日（周一）
    '2026-04-04',
    '2026-04-05',
    '2026-04-06',
    // 劳动节: 5月1日（周五）至5日（周二）
    '2026-05-01',
    '2026-05-02',
    '2026-05-03',
    '2026-05-04',
    '2026-05-05',
    // 端午节: 6月19日（周五）至21日（周日）
    '2026-06-19',
    '2026-06-20',
    '2026-06-21',
    // 中秋节: 9月25日（周五）至27日（周日）
    '2026-09-25',
    '2026-09-26',
    '2026-09-27',
    // 国庆节: 10月1日（周四）至7日（周三）
    '2026-10-01',
    '2026-10-02',
    '2026-10-03',
    '2026-10-04',
    '2026-10-05',
    '2026-10-06',
    '2026-10-07',
  ],
  workingWeekends: [
    '2026-01-04', // 元旦: 1月4日（周日）上班
    '2026-02-14', // 春节: 2月14日（周六）上班
    '2026-02-28', // 春节: 2月28日（周六）上班
    '2026-05-09', // 劳动节: 5月9日（周六）上班
    '2026-09-20', // 国庆节: 9月20日（周日）上班
    '2026-10-10', // 国庆节: 10月10日（周六）上班
  ],
};

/**
 * PROVISIONAL: the 2027 notice was not available when this was written, so these are only the
 * statutory days of 《全国年节及纪念日放假办法》 (13 a year since 2025) on their 2027 dates. The
 * bridging days, the 补休 for statutory days falling on a weekend and the 调休 weekends are
 * missing, so 2027 has too many working days here. An admin must replace this schedule when the
 * State Council publishes the 2027 schedule.
 */
export const CN_PUBLIC_HOLIDAYS_2027: PublicHolidaySchedule = {
  year: 2027,
  source: 'statutory days only (全国年节及纪念日放假办法); the 2027 notice is still to be applied',
  provisional: true,
  holidays: [
    '2027-01-01', // 元旦 (Fri)
    // 春节: 除夕 and 正月初一 to 初三; 正月初一 is 2月6日 (Sat)
    '2027-02-05',
    '2027-02-06',
    '2027-02-07',
    '2027-02-08',
    '2027-04-05', // 清明节 (Mon)
    '2027-05-01',
    '2027-05-02', // 劳动节 (Sat, Sun)
    '2027-06-09', // 端午节, 五月初五 (Wed)
    '2027-09-15', // 中秋节, 八月十五 (Wed)
    '2027-10-01',
    '2027-10-02',
    '2027-10-03', // 国庆节 (Fri–Sun)
  ],
  workingWeekends: [],
};
