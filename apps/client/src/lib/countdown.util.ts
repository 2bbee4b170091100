/** A deadline in words, for the queue, the inbox and the ticket detail. */
export interface Countdown {
  /** 剩余 1小时25分 · 已到期 · 已超期 40分钟 */
  text: string;
  /** Shown in red: past due by the phone's clock, or flagged overdue by the API. */
  late: boolean;
}

const MINUTE = 60_000;

/** 40分钟 · 1小时 · 1小时25分 · 2天 · 2天3小时 (whole minutes, rounded down). */
export function span(minutes: number): string {
  if (minutes < 60) return `${minutes}分钟`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours}小时${minutes % 60 ? `${minutes % 60}分` : ''}`;
  return `${Math.floor(hours / 24)}天${hours % 24 ? `${hours % 24}小时` : ''}`;
}

/**
 * How long until `dueAt` (or since): `剩余 1小时25分`, `已到期` in the minute it falls due,
 * `已超期 40分钟` after. `overdue` is the API's flag (some open leg breached): it turns the text red
 * even when the earliest running deadline is still ahead. Null when there is nothing to count down to.
 */
export function countdown(dueAt: string | null | undefined, now: Date | number = Date.now(), overdue = false): Countdown | null {
  const due = dueAt ? new Date(dueAt).getTime() : NaN;
  if (Number.isNaN(due)) return overdue ? { text: '已超期', late: true } : null;
  const ms = due - (typeof now === 'number' ? now : now.getTime());
  if (ms > 0) {
    const left = Math.floor(ms / MINUTE);
    return { text: left < 1 ? '剩余 不足1分钟' : `剩余 ${span(left)}`, late: overdue };
  }
  const past = Math.floor(-ms / MINUTE);
  return { text: past < 1 ? '已到期' : `已超期 ${span(past)}`, late: true };
}
