import { CN_PUBLIC_HOLIDAYS_2026 } from './holidays-cn.data';
import { parseHolidayNotice, withHolidaySchedule } from './holiday-notice.parser';
import { isWorkingDay, type WorkingCalendar } from './working-calendar';

// The body of 国务院办公厅关于2026年部分节假日安排的通知 (国办发明电〔2025〕7号) as copied from the page.
const NOTICE_2026 = `国务院办公厅关于2026年部分节假日安排的通知
各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
经国务院批准，现将2026年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。
一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
三、清明节：4月4日（周六）至6日（周一）放假，共3天。
四、劳动节：5月1日（周五）至5日（周二）放假调休，共5天。5月9日（周六）上班。
五、端午节：6月19日（周五）至21日（周日）放假，共3天。
六、中秋节：9月25日（周五）至27日（周日）放假，共3天。
七、国庆节：10月1日（周四）至7日（周三）放假调休，共7天。9月20日（周日）、10月10日（周六）上班。
节假日期间，各地区、各部门要妥善安排好值班和安全、保卫、疫情防控等工作。`;

describe('parseHolidayNotice', () => {
  it('reads the real 2026 notice into exactly the schedule in holidays-cn.data', () => {
    const parsed = parseHolidayNotice(NOTICE_2026, 2026);
    expect(parsed.problems).toEqual([]);
    expect(parsed.festivals.map((f) => f.name)).toEqual(['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节']);
    expect(parsed.holidays).toEqual([...CN_PUBLIC_HOLIDAYS_2026.holidays].sort());
    expect(parsed.workingWeekends).toEqual([...CN_PUBLIC_HOLIDAYS_2026.workingWeekends].sort());
    expect(parsed.festivals[1]).toEqual({
      name: '春节',
      holidays: ['2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22', '2026-02-23'],
      workingWeekends: ['2026-02-14', '2026-02-28'],
    });
  });

  it('reads the short forms: a single day without brackets, 放假N天, half-width punctuation, a range across months', () => {
    const parsed = parseHolidayNotice(
      ['元旦：1月1日放假，共1天。', '春节:1月28日(农历除夕、周三)至2月4日(农历正月初七、周三)放假调休,共8天。1月26日(周一)上班。', '劳动节：5月1日（周五）放假1天，不调休。'].join('\n'),
      2026,
    );
    expect(parsed.holidays).toContain('2026-01-01');
    expect(parsed.festivals[1].holidays).toHaveLength(8);
    expect(parsed.festivals[1].holidays[7]).toBe('2026-02-04');
    expect(parsed.festivals[2].holidays).toEqual(['2026-05-01']);
    // 2026-01-28 is a Wednesday (the bracket is right) but 1月26日 is a Monday, not a weekend.
    expect(parsed.problems).toEqual(['春节：2026-01-26 是周一，调休上班日应是周六或周日']);
  });

  it('reports a wrong year: the weekdays in brackets do not match', () => {
    const parsed = parseHolidayNotice(NOTICE_2026, 2027);
    expect(parsed.problems).toContain('通知标题是2026年，但选择的是2027年');
    expect(parsed.problems).toContain('元旦：2027-01-01 通知写周四，实际是周五（年份对吗？）');
  });

  it('reports a stated day count that disagrees with the range, an impossible date and an empty paste', () => {
    expect(parseHolidayNotice('国庆节：10月1日（周四）至7日（周三）放假调休，共8天。', 2026).problems).toEqual(['国庆节：通知写共8天，日期范围却是7天']);
    expect(parseHolidayNotice('春节：2月30日放假，共1天。', 2026).problems).toEqual(['春节：2月30日不是有效日期', '春节：没有读到放假日期']);
    expect(parseHolidayNotice('随便一段文字', 2026).problems).toEqual(['没有读到任何节日安排，请粘贴通知正文（如“元旦：1月1日放假，共1天。”）']);
  });

  it('puts a December working day of a 元旦 line in the year before', () => {
    const parsed = parseHolidayNotice('元旦：1月1日（周一）放假，与周末连休。12月30日（周六）上班。', 2024);
    expect(parsed.problems).toEqual([]);
    expect(parsed.workingWeekends).toEqual(['2023-12-30']);
  });
});

describe('withHolidaySchedule', () => {
  const calendar: WorkingCalendar = {
    workdayStart: '08:30',
    workdayEnd: '17:30',
    holidays: ['2026-10-01', '2027-01-01', '2027-06-09'],
    workingWeekends: ['2026-10-10', '2027-02-20'],
  };

  it('replaces only the chosen year and keeps the hours and other years', () => {
    const next = withHolidaySchedule(calendar, { year: 2027, holidays: ['2027-01-01', '2027-01-02'], workingWeekends: [] });
    expect(next).toEqual({ ...calendar, holidays: ['2026-10-01', '2027-01-01', '2027-01-02'], workingWeekends: ['2026-10-10'] });
    expect(isWorkingDay(next, '2027-06-09')).toBe(true);
  });
});
