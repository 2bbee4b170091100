import type { SlaFigures } from '@red-butler/domain';

// The figures' shape is shared with the client through packages/domain.
export type { SlaFigures };

/**
 * The figures of the SLA report: each defined once, here, from the counts that `sla-report.sql.ts`
 * produces. A later rollup must produce the same counts; the rates are then the same functions.
 *
 * Rates are numbers 0–1 rounded to 4 decimals, null when the denominator is 0 (no data is not 0 %).
 * The complaint rate is per 1,000 households, also rounded to 4 decimals. Minutes have 1 decimal.
 */

/** A row of the SQL as the driver returns it: counts as bigint strings, minutes as numeric strings. */
export interface SlaCountsRow {
  received: string | null;
  complaints: string | null;
  resolved: string | null;
  resolutions: string | null;
  dispatch_closed: string | null;
  dispatch_on_time: string | null;
  dispatch_avg_minutes: string | null;
  dispatch_p90_minutes: string | null;
  accept_closed: string | null;
  accept_on_time: string | null;
  accept_avg_minutes: string | null;
  accept_p90_minutes: string | null;
  resolve_closed: string | null;
  resolved_on_time: string | null;
  resolved_late: string | null;
  resolve_withdrawn_late: string | null;
  open_past_due: string | null;
  resolve_avg_minutes: string | null;
  resolve_p90_minutes: string | null;
  overdue: string | null;
  overdue_open: string | null;
  surveys_sent: string | null;
  satisfied: string | null;
  basically_satisfied: string | null;
  dissatisfied: string | null;
  unrated: string | null;
  households: string | null;
}


const count = (v: string | null): number => (v === null ? 0 : Number(v));
const minutes = (v: string | null): number | null => (v === null ? null : Number(v));
const round4 = (x: number): number => Math.round(x * 10_000) / 10_000;

/** n ÷ d as a 0–1 rate; null when nothing was there to measure. */
export function rate(n: number, d: number): number | null {
  return d === 0 ? null : round4(n / d);
}

export function slaFigures(r: SlaCountsRow): SlaFigures {
  const received = count(r.received);
  const resolutions = count(r.resolutions);
  const dispatchClosed = count(r.dispatch_closed);
  const dispatchOnTime = count(r.dispatch_on_time);
  const acceptClosed = count(r.accept_closed);
  const acceptOnTime = count(r.accept_on_time);
  const resolveClosed = count(r.resolve_closed);
  const resolvedOnTime = count(r.resolved_on_time);
  const resolveWithdrawnLate = count(r.resolve_withdrawn_late);
  const openPastDue = count(r.open_past_due);
  const satisfied = count(r.satisfied);
  const basicallySatisfied = count(r.basically_satisfied);
  const dissatisfied = count(r.dissatisfied);
  const answered = satisfied + basicallySatisfied + dissatisfied;
  const surveysSent = count(r.surveys_sent);
  // 重办: every 不满意 answer reopens the ticket to the same handler.
  const reopened = dissatisfied;
  const households = count(r.households);
  const complaints = count(r.complaints);
  return {
    received,
    resolved: count(r.resolved),
    resolutions,
    dispatchClosed,
    dispatchOnTime,
    timelyDispatchRate: rate(dispatchOnTime, dispatchClosed),
    dispatchAvgMinutes: minutes(r.dispatch_avg_minutes),
    dispatchP90Minutes: minutes(r.dispatch_p90_minutes),
    acceptClosed,
    acceptOnTime,
    timelyAcceptRate: rate(acceptOnTime, acceptClosed),
    acceptAvgMinutes: minutes(r.accept_avg_minutes),
    acceptP90Minutes: minutes(r.accept_p90_minutes),
    resolveClosed,
    resolvedOnTime,
    resolvedLate: count(r.resolved_late),
    resolveWithdrawnLate,
    openPastDue,
    onTimeResolutionRate: rate(resolvedOnTime, resolveClosed + resolveWithdrawnLate + openPastDue),
    resolveAvgMinutes: minutes(r.resolve_avg_minutes),
    resolveP90Minutes: minutes(r.resolve_p90_minutes),
    overdue: count(r.overdue),
    overdueOpen: count(r.overdue_open),
    surveysSent,
    answered,
    satisfied,
    basicallySatisfied,
    dissatisfied,
    unrated: count(r.unrated),
    satisfactionRate: rate(satisfied + basicallySatisfied, answered),
    responseRate: rate(answered, surveysSent),
    reopened,
    reopenRate: rate(reopened, resolutions),
    households,
    complaints,
    complaintRate: households === 0 ? null : round4((complaints * 1000) / households),
  };
}

export interface FigureDefinition {
  zh: string;
  en: string;
}

/** The definitions the API returns with every report, one per figure (the compiler checks that none is missing). */
export const SLA_DEFINITIONS: Record<keyof SlaFigures, FigureDefinition> = {
  received: {
    zh: '受理量：期内上报（创建）的工单数，含已撤销、不予受理、已合并的工单。',
    en: 'Received: tickets reported in the period, including those later cancelled, rejected or merged.',
  },
  resolved: {
    zh: '办结量：期内首次办结的工单数；重办后再次办结不重复计数，故可与受理量相比。',
    en: 'Resolved: tickets whose first resolution fell in the period; resolving again after a reopen does not count twice.',
  },
  resolutions: {
    zh: '办结次数：期内全部办结事件数，含重办后的再次办结（重办率的分母）。',
    en: 'Resolutions: every resolve event in the period, including resolutions after a reopen (the reopen rate’s denominator).',
  },
  dispatchClosed: {
    zh: '派单环节数：期内完成的派单时限环节数（社区的时限）。',
    en: 'Dispatch legs (the community’s clock) closed as met in the period.',
  },
  dispatchOnTime: {
    zh: '按时派单数：其中在时限内完成、从未被标记超期的环节数。',
    en: 'Of those, closed no later than the deadline and never marked overdue.',
  },
  timelyDispatchRate: { zh: '派单及时率 = 按时派单数 ÷ 派单环节数。', en: 'Timely dispatch rate = dispatched on time ÷ dispatch legs closed.' },
  dispatchAvgMinutes: {
    zh: '平均派单用时（分钟）：期内完成的派单环节自开始到完成的自然分钟数平均值。',
    en: 'Average wall-clock minutes from start to close of the dispatch legs closed.',
  },
  dispatchP90Minutes: {
    zh: '派单用时P90（分钟）：90% 的环节在此时长内完成；按办理用时分档计，报该分位（最近秩法）所在档的上限。',
    en: '90th percentile of those minutes (nearest rank), reported as the upper edge of its handling-time bin (HANDLING_TIME_BIN_EDGES).',
  },
  acceptClosed: {
    zh: '接单环节数：期内完成的接单时限环节数（物业公司或部门的时限）；退单也是对派单的答复，计为完成。',
    en: 'Accept legs (the company’s or department’s clock) closed as met in the period; a return (退单) answers the dispatch and counts.',
  },
  acceptOnTime: {
    zh: '按时接单数：其中在时限内完成、从未被标记超期的环节数。',
    en: 'Of those, closed no later than the deadline and never marked overdue.',
  },
  timelyAcceptRate: { zh: '接单及时率 = 按时接单数 ÷ 接单环节数。', en: 'Timely accept rate = accepted on time ÷ accept legs closed.' },
  acceptAvgMinutes: {
    zh: '平均接单用时（分钟）：期内完成的接单环节自开始到完成的自然分钟数平均值。',
    en: 'Average wall-clock minutes from start to close of the accept legs closed.',
  },
  acceptP90Minutes: {
    zh: '接单用时P90（分钟）：最近秩法的第90百分位所在分档的上限。',
    en: '90th percentile of those minutes (nearest rank), as the upper edge of its bin.',
  },
  resolveClosed: {
    zh: '办结环节数：期内完成（met）的办理时限环节数；每次办结（含重办后）各有一个环节。',
    en: 'Resolve legs closed as met in the period; every resolution (also after a reopen) has its own leg and deadline.',
  },
  resolvedOnTime: {
    zh: '按时办结数：其中在时限内办结、从未被标记超期的环节数（挂起不能使已超期的环节变为按时）。',
    en: 'Of those, resolved no later than the deadline and never marked overdue (a pause cannot make an overdue leg on time).',
  },
  resolvedLate: { zh: '超期办结数：办结环节数中超期完成的。', en: 'Of those, resolved after the deadline.' },
  resolveWithdrawnLate: {
    zh: '超期后被改派：期内在超期之后被撤走（如吹哨转部门）的办理环节数，超期仍记在原责任单位。',
    en: 'Resolve legs taken away in the period after they went overdue (e.g. 吹哨 to a department); the lateness stays with the party that held them.',
  },
  openPastDue: {
    zh: '超期未办结：期内到期（超期时刻在期内且早于现在）、到期末（或现在）仍未办结的办理环节数。',
    en: 'Resolve legs that went overdue in the period (before now) and were still open at its end (or now).',
  },
  onTimeResolutionRate: {
    zh: '按时办结率 = 按时办结数 ÷（办结环节数 + 超期后被改派 + 超期未办结）。超期工单不会因一直不办结而从分母中消失。',
    en: 'On-time resolution rate = resolved on time ÷ (resolve legs closed + withdrawn late + still open past due). A late ticket cannot vanish by staying open.',
  },
  resolveAvgMinutes: {
    zh: '平均办理用时（分钟）：期内完成的办理环节自开始到办结的自然分钟数平均值（含挂起时间）。',
    en: 'Average wall-clock minutes from start to close of the resolve legs closed (paused time included).',
  },
  resolveP90Minutes: {
    zh: '办理用时P90（分钟）：最近秩法的第90百分位所在分档的上限。',
    en: '90th percentile of those minutes (nearest rank), as the upper edge of its bin.',
  },
  overdue: {
    zh: '超期量：期内超期的派单、接单、办理环节数（到期时仍未完成，无论之后是否办结）；按环节的责任方计。',
    en: 'Overdue: dispatch, accept and resolve legs that went overdue in the period while open, whatever happened after; counted against the leg’s party.',
  },
  overdueOpen: {
    zh: '超期未办：其中到期末（或现在）仍未完成的环节数。',
    en: 'Of those, still open at the end of the period (or now).',
  },
  surveysSent: {
    zh: '发出评价：期内发起的评价数（每次办结向报事人发起一次）。',
    en: 'Surveys sent: survey legs started in the period (each resolution asks the reporter to rate).',
  },
  answered: {
    zh: '参评数：期内收到的评价数（小程序评价或电话回访中给出的满意/基本满意/不满意）；申诉成立的不满意评价作废，不计入。',
    en: 'Answered: ratings given in the period, in the app or on a phone return visit; a 不满意 whose appeal was upheld is void and not counted.',
  },
  satisfied: { zh: '满意：期内评价为满意的数量。', en: 'Ratings “satisfied” in the period.' },
  basicallySatisfied: { zh: '基本满意：期内评价为基本满意的数量。', en: 'Ratings “basically satisfied” in the period.' },
  dissatisfied: { zh: '不满意：期内评价为不满意的数量。', en: 'Ratings “dissatisfied” in the period.' },
  unrated: {
    zh: '未评价：期内因回访期满无人应答而关闭的工单数；不计入参评数，更不计为满意。',
    en: 'Unrated: tickets closed in the period because nobody answered by the end of the visit window; never answered, never satisfied.',
  },
  satisfactionRate: {
    zh: '满意率 =（满意 + 基本满意）÷ 参评数。',
    en: 'Satisfaction rate = (satisfied + basically satisfied) ÷ answered.',
  },
  responseRate: {
    zh: '参评率 = 参评数 ÷ 发出评价。两者均按期内发生计，期初期末附近的小分组可能超过 1。',
    en: 'Response rate = answered ÷ surveys sent, both counted by when they happened (a small group near a period edge can exceed 1).',
  },
  reopened: {
    zh: '重办量：期内不满意评价数（每次不满意都使工单退回原责任单位重办）。',
    en: 'Reopened: “dissatisfied” ratings in the period; each sends the ticket back to the same handler.',
  },
  reopenRate: {
    zh: '重办率 = 重办量 ÷ 办结次数：被居民退回的办结所占比例。',
    en: 'Reopen rate = reopened ÷ resolutions: the share of resolutions the resident sent back.',
  },
  households: {
    zh: '服务户数：分组范围内已知户数的小区户数之和（物业公司：期内有服务合同的小区；部门、类别：全部范围）。',
    en: 'Households served: households of the compounds in the group’s scope where known (a company: compounds under its contract in the period; departments and categories: the whole scope).',
  },
  complaints: {
    zh: '计入投诉率的受理量：受理量中来自已知户数小区的工单数。',
    en: 'Received tickets from compounds whose households are known (the complaint rate’s numerator).',
  },
  complaintRate: {
    zh: '投诉率 = 计入投诉率的受理量 ÷ 服务户数 × 1000（每千户）。',
    en: 'Complaint rate = those received tickets per 1,000 households served.',
  },
};
