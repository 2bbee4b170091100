import { Button, Text, Textarea, View } from '@tarojs/components';
import { parseHolidayNotice, withHolidaySchedule, type ParsedHolidayNotice, type WorkingCalendar } from '@red-butler/domain';
import { useMemo, useState } from 'react';
import { adminApi } from '../../api/admin.api';
import type { WorkingCalendarData } from '../../api/api.types';
import { useSubmit } from './use-submit.hook';

export interface HolidayCalendarProps {
  calendar: WorkingCalendarData;
  /** 'YYYY-MM-DD' in Shanghai: the screen opens on the year after (the notice comes in November). */
  today: string;
  onSaved: () => void;
}

const WEEK_HEAD = ['日', '一', '二', '三', '四', '五', '六'];
const pad = (n: number) => String(n).padStart(2, '0');
/** The domain's calendar is read-only; the request body type is not. */
const body = (c: WorkingCalendar): WorkingCalendarData => ({ ...c, holidays: [...c.holidays], workingWeekends: [...c.workingWeekends] });
const shortDate = (iso: string) => `${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;

/**
 * 工作日历: a year at a glance (放假 and 调休上班 marked), and next year's schedule loaded from the
 * State Council notice pasted as text: parsed, shown as a preview over the year, saved only when the
 * notice reads without problems.
 */
export function HolidayCalendar({ calendar, today, onSaved }: HolidayCalendarProps) {
  const thisYear = Number(today.slice(0, 4));
  const [year, setYear] = useState(thisYear + 1);
  const [text, setText] = useState('');
  const [preview, setPreview] = useState<ParsedHolidayNotice | null>(null);
  const { busy, problem, submit } = useSubmit(() => { setPreview(null); setText(''); onSaved(); }, '日历已保存');
  const shown = preview && preview.year === year ? withHolidaySchedule(calendar, preview) : calendar;
  const holidays = useMemo(() => new Set(shown.holidays), [shown]);
  const workdays = useMemo(() => new Set(shown.workingWeekends), [shown]);
  const inYear = (dates: readonly string[]) => dates.filter((d) => d.startsWith(`${year}-`)).length;

  return (
    <View>
      <View className="chips">
        {[thisYear - 1, thisYear, thisYear + 1].map((y) => (
          <Text key={y} className={`chip-option ${y === year ? 'chip-option--on' : ''}`} onClick={() => { setYear(y); setPreview(null); }} data-testid={`year-${y}`}>{y}年</Text>
        ))}
      </View>
      <View className="card">
        <View className="muted" data-testid="calendar-summary">
          {year}年：放假 {inYear(shown.holidays)} 天（含周末），调休上班 {inYear(shown.workingWeekends)} 天；工作时间 {shown.workdayStart}–{shown.workdayEnd}
          {shown.lunchStart ? `，午休 ${shown.lunchStart}–${shown.lunchEnd}` : ''}
          {preview ? '（预览，尚未保存）' : ''}
        </View>
        {inYear(calendar.holidays) === 0 && !preview && <View className="error-text">尚未载入{year}年的放假安排：节假日将按工作日计时</View>}
        <View className="legend">
          <Text className="legend__item day--holiday">放假</Text>
          <Text className="legend__item day--workday">调休上班</Text>
        </View>
        <View className="year-grid">
          {Array.from({ length: 12 }, (_, m) => (
            <Month key={m} year={year} month={m + 1} holidays={holidays} workdays={workdays} />
          ))}
        </View>
      </View>
      <View className="card">
        <View className="section-title">载入{year}年放假安排</View>
        <View className="muted">从国务院办公厅《关于{year}年部分节假日安排的通知》复制正文粘贴到下面，每个节日一行。</View>
        <Textarea className="textarea" maxlength={-1} value={text} placeholder={'一、元旦：1月1日放假，共1天。\n二、春节：2月15日至23日放假调休，共9天。2月14日（周六）、2月28日（周六）上班。'}
          onInput={(e) => { setText(e.detail.value); setPreview(null); }} data-testid="notice-text" />
        <Button className="btn btn--ghost" disabled={!text.trim()} onClick={() => setPreview(parseHolidayNotice(text, year))} data-testid="notice-parse">解析预览</Button>
        {preview && (
          <View data-testid="notice-preview">
            {preview.festivals.map((f) => (
              <View key={f.name} data-festival={f.name}>
                {f.name}：{f.holidays.length ? `${shortDate(f.holidays[0])}至${shortDate(f.holidays[f.holidays.length - 1])}，共${f.holidays.length}天` : '—'}
                {f.workingWeekends.length ? `；${f.workingWeekends.map(shortDate).join('、')}上班` : ''}
              </View>
            ))}
            {preview.problems.map((p) => <View key={p} className="error-text" data-notice-problem>{p}</View>)}
            <Button className="btn btn--primary" disabled={busy || preview.problems.length > 0}
              onClick={() => void submit(() => adminApi.setCalendar(body(withHolidaySchedule(calendar, preview))))} data-testid="notice-save">
              保存{year}年安排（替换该年原有日期）
            </Button>
          </View>
        )}
        {problem && <View className="error-text">{problem}</View>}
      </View>
    </View>
  );
}

function Month({ year, month, holidays, workdays }: { year: number; month: number; holidays: Set<string>; workdays: Set<string> }) {
  const first = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return (
    <View className="month">
      <View className="month__title">{month}月</View>
      <View className="month__grid">
        {WEEK_HEAD.map((w) => <Text key={w} className="month__head">{w}</Text>)}
        {Array.from({ length: first }, (_, i) => <Text key={`blank-${i}`} />)}
        {Array.from({ length: days }, (_, i) => {
          const iso = `${year}-${pad(month)}-${pad(i + 1)}`;
          const weekday = (first + i) % 7;
          const kind = holidays.has(iso) ? 'holiday' : workdays.has(iso) ? 'workday' : weekday === 0 || weekday === 6 ? 'weekend' : 'work';
          return <Text key={iso} className={`day day--${kind}`} data-date={iso} data-kind={kind}>{i + 1}</Text>;
        })}
      </View>
    </View>
  );
}
