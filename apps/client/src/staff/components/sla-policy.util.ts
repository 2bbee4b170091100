import type { Priority, SlaClock } from '@red-butler/domain';
import type { NewSlaPolicy, SlaPolicy } from '../../api/api.types';

const WEEK = 7 * 24 * 60;

export type MinutesField = 'dispatchMinutes' | 'acceptMinutes' | 'resolveMinutes' | 'escalationMinutes' | 'surveyMinutes' | 'visitMinutes' | 'maxPauseMinutes';

/** Each party's leg (and the windows around them), as the API's policy model has them, with its limit. */
export const POLICY_FIELDS: Array<{ key: MinutesField; label: string; party: string; max: number; alwaysClock?: boolean }> = [
  { key: 'dispatchMinutes', label: '派单时限', party: '社区', max: 4 * WEEK },
  { key: 'acceptMinutes', label: '接单时限', party: '物业/部门', max: 4 * WEEK },
  { key: 'resolveMinutes', label: '办结时限', party: '物业/部门', max: 26 * WEEK },
  { key: 'escalationMinutes', label: '督办升级间隔', party: '每级督办', max: 4 * WEEK },
  { key: 'maxPauseMinutes', label: '最长挂起', party: '挂起后自动恢复计时', max: 8 * WEEK },
  { key: 'surveyMinutes', label: '居民评价窗口', party: '居民', max: 4 * WEEK, alwaysClock: true },
  { key: 'visitMinutes', label: '电话回访窗口', party: '社区', max: 8 * WEEK, alwaysClock: true },
];

export const CLOCK_LABELS: Record<SlaClock, string> = { working: '工作时间（节假日不计）', clock: '自然时间（24小时连续计）' };

/** The form's text fields: minutes as typed, the warning share as a percentage. */
export type PolicyDraft = Record<MinutesField, string> & { clock: SlaClock; warnPercent: string };

export function draftOf(p: Pick<SlaPolicy, MinutesField | 'clock' | 'warnRatio'>): PolicyDraft {
  const draft = { clock: p.clock, warnPercent: String(Math.round(p.warnRatio * 100)) } as PolicyDraft;
  for (const { key } of POLICY_FIELDS) draft[key] = String(p[key] ?? '');
  return draft;
}

/** "90 分钟" → "1小时30分"; days only for clock time (a working day is not 24 hours). */
export function durationText(minutes: number, clock: SlaClock): string {
  if (!Number.isFinite(minutes) || minutes <= 0) return '';
  const days = clock === 'clock' ? Math.floor(minutes / 1440) : 0;
  const hours = Math.floor((minutes - days * 1440) / 60);
  const rest = minutes % 60;
  const text = `${days ? `${days}天` : ''}${hours ? `${hours}小时` : ''}${rest ? `${rest}分` : ''}`;
  return clock === 'working' ? `${text}（工作时间）` : text;
}

/** What is wrong with the draft, per field, in Chinese; empty when it can be saved. */
export function policyProblems(draft: PolicyDraft): Partial<Record<MinutesField | 'warnPercent', string>> {
  const problems: Partial<Record<MinutesField | 'warnPercent', string>> = {};
  for (const { key, label, max } of POLICY_FIELDS) {
    const text = draft[key].trim();
    const n = Number(text);
    if (!/^\d+$/.test(text) || n < 1) problems[key] = `${label}须为正整数（分钟）`;
    else if (n > max) problems[key] = `${label}不能超过 ${max / WEEK} 周（${max} 分钟）`;
  }
  const warn = Number(draft.warnPercent);
  if (!/^\d+$/.test(draft.warnPercent.trim()) || warn < 10 || warn > 99) problems.warnPercent = '预警比例须为 10–99 之间的整数（%）';
  if (!problems.acceptMinutes && !problems.resolveMinutes && Number(draft.resolveMinutes) < Number(draft.acceptMinutes)) {
    problems.resolveMinutes = '办结时限不应短于接单时限';
  }
  return problems;
}

export function policyOf(categoryId: number, priority: Priority, draft: PolicyDraft): NewSlaPolicy {
  const policy = { categoryId, priority, clock: draft.clock, warnRatio: Number(draft.warnPercent) / 100 } as NewSlaPolicy;
  for (const { key } of POLICY_FIELDS) policy[key] = Number(draft[key]);
  return policy;
}
