import { dayNumberToIsoDate, isoDateToDayNumber, weekdayOfDayNumber } from './shanghai-time.util';
import type { WorkingCalendar } from './working-calendar';

/** One line of the notice: a festival's days off and its 调休 working weekends. */
export interface NoticeFestival {
  readonly name: string;
  /** Every day off in the range, weekends inside it included (as the notice counts them). */
  readonly holidays: readonly string[];
  readonly workingWeekends: readonly string[];
}

export interface ParsedHolidayNotice {
  readonly year: number;
  readonly festivals: readonly NoticeFestival[];
  readonly holidays: readonly string[];
  readonly workingWeekends: readonly string[];
  /** In Chinese, for the admin screen; the schedule must not be saved while any remain. */
  readonly problems: readonly string[];
}

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];
const FESTIVAL_LINE = /^\s*(?:[一二三四五六七八九十]+[、.．]\s*)?([\u4e00-\u9fa5]{2,6})\s*[：:]\s*(.+)$/;
// 「1月1日（周四）」「3日（周六）」「2月15日（农历腊月二十八、周日）」: month optional after the first date.
const DATE = /(?:(\d{1,2})月)?(\d{1,2})日(?:\s*[（(]([^）)]*)[）)])?/g;
const STATED_DAYS = /(?:共|放假)(\d{1,2})天/;

interface NoticeDate {
  iso: string;
  dayNumber: number;
}

/**
 * Reads the schedule from the text of a State Council notice (国务院办公厅关于YYYY年部分节假日安排的通知)
 * as people copy it, one festival a line, e.g.
 *   「二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。」
 * Pure and strict: every mismatch the notice itself lets us check (the stated 共N天, the weekday in
 * brackets, a 上班 day that is not a weekend) is reported rather than guessed around, because a
 * wrong calendar silently moves every deadline.
 */
export function parseHolidayNotice(text: string, year: number): ParsedHolidayNotice {
  const problems: string[] = [];
  const titleYear = /(\d{4})\s*年部分节假日安排/.exec(text);
  if (titleYear && Number(titleYear[1]) !== year) problems.push(`通知标题是${titleYear[1]}年，但选择的是${year}年`);

  const festivals: NoticeFestival[] = [];
  for (const line of text.split(/\r?\n/)) {
    const match = FESTIVAL_LINE.exec(line);
    if (!match || !/放假|上班/.test(match[2])) continue;
    festivals.push(parseFestival(match[1], match[2], year, problems));
  }
  if (festivals.length === 0) problems.push('没有读到任何节日安排，请粘贴通知正文（如“元旦：1月1日放假，共1天。”）');

  const holidays = unique(festivals.flatMap((f) => f.holidays));
  const workingWeekends = unique(festivals.flatMap((f) => f.workingWeekends));
  for (const date of workingWeekends) if (holidays.includes(date)) problems.push(`${date} 既是放假日又是上班日`);
  return { year, festivals, holidays, workingWeekends, problems };
}

function parseFestival(name: string, body: string, year: number, problems: string[]): NoticeFestival {
  const holidays: string[] = [];
  const workingWeekends: string[] = [];
  let month: number | null = null;
  for (const sentence of body.split(/[。；;]/)) {
    if (/上班/.test(sentence)) {
      for (const d of datesIn(sentence, name, year, month, problems)) {
        const weekday = weekdayOfDayNumber(d.dayNumber);
        if (weekday !== 0 && weekday !== 6) problems.push(`${name}：${d.iso} 是周${WEEKDAYS[weekday]}，调休上班日应是周六或周日`);
        workingWeekends.push(d.iso);
      }
      continue;
    }
    if (!/放假/.test(sentence) || holidays.length > 0) continue;
    const dates = datesIn(sentence, name, year, month, problems);
    if (dates.length === 0) {
      problems.push(`${name}：没有读到放假日期`);
      continue;
    }
    month = Number(dates[0].iso.slice(5, 7));
    const stated = STATED_DAYS.exec(sentence);
    const first = dates[0].dayNumber;
    const ranged = /至/.test(sentence) && dates.length >= 2;
    const last = ranged ? dates[1].dayNumber : stated ? first + Number(stated[1]) - 1 : first;
    if (last < first) {
      problems.push(`${name}：结束日期早于开始日期`);
      continue;
    }
    if (last - first > 15) {
      problems.push(`${name}：放假超过16天，请检查日期`);
      continue;
    }
    for (let day = first; day <= last; day += 1) holidays.push(dayNumberToIsoDate(day));
    if (stated && Number(stated[1]) !== holidays.length) problems.push(`${name}：通知写共${stated[1]}天，日期范围却是${holidays.length}天`);
  }
  if (holidays.length === 0 && !problems.some((p) => p.startsWith(`${name}：`))) problems.push(`${name}：没有读到放假日期`);
  return { name, holidays, workingWeekends };
}

function datesIn(sentence: string, name: string, year: number, lineMonth: number | null, problems: string[]): NoticeDate[] {
  const dates: NoticeDate[] = [];
  let month = lineMonth;
  for (const m of sentence.matchAll(DATE)) {
    if (m[1]) month = Number(m[1]);
    if (month === null) {
      problems.push(`${name}：“${m[0]}”缺少月份`);
      continue;
    }
    // A 元旦 line may name a working day late in the December before (e.g. 12月31日（周日）上班).
    const y = month === 12 && lineMonth === 1 ? year - 1 : year;
    const iso = `${y}-${String(month).padStart(2, '0')}-${String(Number(m[2])).padStart(2, '0')}`;
    const dayNumber = isoDateToDayNumber(iso);
    if (dayNumber === null) {
      problems.push(`${name}：${month}月${m[2]}日不是有效日期`);
      continue;
    }
    const said = /周([一二三四五六日天])/.exec(m[3] ?? '');
    const actual = WEEKDAYS[weekdayOfDayNumber(dayNumber)];
    if (said && (said[1] === '天' ? '日' : said[1]) !== actual) problems.push(`${name}：${iso} 通知写周${said[1]}，实际是周${actual}（年份对吗？）`);
    dates.push({ iso, dayNumber });
  }
  return dates;
}

function unique(dates: string[]): string[] {
  return [...new Set(dates)].sort();
}

/**
 * The calendar with one year's schedule replaced by the parsed one: that year's old holidays and
 * 调休 weekends go, every other year's stay, hours stay.
 */
export function withHolidaySchedule(calendar: WorkingCalendar, schedule: Pick<ParsedHolidayNotice, 'year' | 'holidays' | 'workingWeekends'>): WorkingCalendar {
  const otherYears = (dates: readonly string[]) => dates.filter((d) => !d.startsWith(`${schedule.year}-`));
  return {
    ...calendar,
    holidays: unique([...otherYears(calendar.holidays), ...schedule.holidays]),
    workingWeekends: unique([...otherYears(calendar.workingWeekends), ...schedule.workingWeekends]),
  };
}
