import type { DeadlineLeg, TicketStatus } from '@red-butler/domain';
import { generator, seedOf } from './demo-random.util';
import { MIN, DAY, tellStory, type Force, type StoryInput, type StoryResult } from './demo-story';

/**
 * 演示角色的待办: scripted open (and a few closed) tickets, so that every demo account's first
 * screen has work on it whatever day the seed runs — the 安居苑社区 queue, 塞上阳光物业's 待接单 and
 * 处理中 (the worker's own), 城管 via 吹哨, the grid worker's phone visits, the residents' 我的工单.
 * Each names the state it must be in at `now`; its start is found by walking back from `now` until
 * the story, cut at `now`, is in that state (the working calendar decides how far back that is).
 */
export type Flavor = 'fresh' | 'warned' | 'overdue' | 'paused';

export interface CastTicket {
  key: string;
  compound: string;
  category: string;
  /** A demo resident's own report; otherwise the history reporter's. */
  reporter?: 'resident' | 'resident2';
  /** The category's department instead of the compound's company. */
  department?: boolean;
  /** 吹哨 from the company to this department (by code). */
  whistleTo?: string;
  want: { status: TicketStatus; leg?: DeadlineLeg; flavor?: Flavor; attempts?: number; whistled?: boolean };
  force: Force;
  description: string;
  /** Start looking this many days before now (closed tickets are not from today). */
  backDays?: number;
}

const onTime: Force = { dispatchLate: false, acceptLate: false, resolveLate: false, dissatisfied: false };
/** The earlier legs on time; this one's party has not acted by now (how late it is depends on the start found). */
const held = (leg: DeadlineLeg): Force => ({ ...onTime, hold: leg });

export const DEMO_CAST: CastTicket[] = [
  // 安居苑社区 · 湖畔嘉苑 / 五里水乡 · 宁夏塞上阳光物业 (the `resident`, `community`, `grid`, `property`, `worker` desks)
  { key: 'a-closed', compound: 'hupanjiayuan', category: 'corridor_clutter', reporter: 'resident', want: { status: 'closed' },
    force: { ...onTime, way: 'app' }, description: '6号楼2单元楼道里堆了很多纸箱，影响通行', backDays: 20 },
  { key: 'a-submitted', compound: 'hupanjiayuan', category: 'door_access_broken', reporter: 'resident', want: { status: 'submitted', leg: 'dispatch', flavor: 'fresh' },
    force: held('dispatch'), description: '6号楼1单元门禁刷卡没反应，老人进不了门' },
  { key: 'a-rate', compound: 'hupanjiayuan', category: 'pipe_leak', reporter: 'resident', want: { status: 'resolved', leg: 'survey' },
    force: { ...held('survey'), way: 'app' }, description: '厨房顶上楼上漏水，滴到灶台上' },
  { key: 'a-accepted-overdue', compound: 'hupanjiayuan', category: 'elevator_fault', reporter: 'resident', want: { status: 'accepted', leg: 'resolve', flavor: 'overdue' },
    force: held('resolve'), description: '6号楼电梯运行时异响，门关不严' },
  { key: 'a-submitted-warned', compound: 'wulishuixiang', category: 'greenery_trim', want: { status: 'submitted', leg: 'dispatch', flavor: 'warned' },
    force: held('dispatch'), description: '10号楼前的树枝挡住了二楼窗户' },
  { key: 'a-submitted-overdue', compound: 'hupanjiayuan', category: 'garbage_collection', want: { status: 'submitted', leg: 'dispatch', flavor: 'overdue' },
    force: held('dispatch'), description: '3号楼垃圾桶满了两天没人清运' },
  { key: 'a-dispatched', compound: 'wulishuixiang', category: 'sewer_blocked', want: { status: 'dispatched', leg: 'accept', flavor: 'fresh' },
    force: held('accept'), description: '15号楼下水道堵塞，污水往外冒' },
  { key: 'a-dispatched-overdue', compound: 'hupanjiayuan', category: 'roof_leak', want: { status: 'dispatched', leg: 'accept', flavor: 'overdue' },
    force: held('accept'), description: '1号楼顶层屋面漏水，墙皮起鼓' },
  { key: 'a-accepted', compound: 'wulishuixiang', category: 'elevator_fault', want: { status: 'accepted', leg: 'resolve', flavor: 'fresh' },
    force: held('resolve'), description: '4号楼电梯按键失灵' },
  { key: 'a-accepted-warned', compound: 'hupanjiayuan', category: 'street_light_out', want: { status: 'accepted', leg: 'resolve', flavor: 'warned' },
    force: held('resolve'), description: '小区东门两盏路灯不亮' },
  { key: 'a-paused', compound: 'wulishuixiang', category: 'pipe_leak', want: { status: 'accepted', leg: 'resolve', flavor: 'paused' },
    force: { ...held('resolve'), pauseAfterMinutes: 40 }, description: '10号楼地下室供水管渗水' },
  { key: 'a-visit', compound: 'hupanjiayuan', category: 'door_access_broken', want: { status: 'resolved', leg: 'visit', attempts: 0 },
    force: { ...held('visit'), way: 'visit' }, description: '3号楼单元门闭门器坏了，门关不上' },
  { key: 'a-visit-called', compound: 'wulishuixiang', category: 'corridor_clutter', want: { status: 'resolved', leg: 'visit', attempts: 1 },
    force: { ...held('visit'), way: 'none', failedCall: true }, description: '4号楼楼道堆放旧家具' },
  // 城管 (`dept`): 吹哨 from the company, and tickets put straight to the department.
  { key: 'c-whistled', compound: 'hupanjiayuan', category: 'illegal_construction', whistleTo: 'urban-mgmt', want: { status: 'dispatched', leg: 'accept', flavor: 'fresh', whistled: true },
    force: held('accept'), description: '楼下空地有人私搭板房' },
  { key: 'c-accepted-overdue', compound: 'haipolanxuan-1', category: 'street_vending', department: true, want: { status: 'accepted', leg: 'resolve', flavor: 'overdue' },
    force: held('resolve'), description: '小区北门外占道摆摊，堵住消防通道' },
  { key: 'c-dispatched-overdue', compound: 'wulishuixiang', category: 'illegal_construction', department: true, want: { status: 'dispatched', leg: 'accept', flavor: 'overdue' },
    force: held('accept'), description: '顶楼住户在露台加盖阳光房' },
  // 海珀兰轩社区 · 银川中房物业 (the `resident2`, `community2`, `grid2`, `property2` desks)
  { key: 'b-closed', compound: 'haipolanxuan-1', category: 'street_light_out', reporter: 'resident2', want: { status: 'closed' },
    force: { ...onTime, way: 'app' }, description: '4号楼门前路灯坏了', backDays: 25 },
  { key: 'b-submitted', compound: 'haipolanxuan-1', category: 'illegal_parking', reporter: 'resident2', want: { status: 'submitted', leg: 'dispatch', flavor: 'fresh' },
    force: held('dispatch'), description: '有车长期停在消防车道上' },
  { key: 'b-rate', compound: 'haipolanxuan-1', category: 'sewer_blocked', reporter: 'resident2', want: { status: 'resolved', leg: 'survey' },
    force: { ...held('survey'), way: 'app' }, description: '4号楼单元门口下水道反味' },
  { key: 'b-accepted', compound: 'haipolanxuan-1', category: 'elevator_fault', reporter: 'resident2', want: { status: 'accepted', leg: 'resolve', flavor: 'fresh' },
    force: held('resolve'), description: '4号楼电梯经常停在半层' },
  { key: 'b-submitted-overdue', compound: 'haipolanxuan-3', category: 'garbage_collection', want: { status: 'submitted', leg: 'dispatch', flavor: 'overdue' },
    force: held('dispatch'), description: '3号楼旁建筑垃圾堆放多日' },
  { key: 'b-dispatched-warned', compound: 'haipolanxuan-1', category: 'door_access_broken', want: { status: 'dispatched', leg: 'accept', flavor: 'warned' },
    force: held('accept'), description: '8号楼门禁对讲不通' },
  { key: 'b-accepted-overdue', compound: 'haipolanxuan-3', category: 'roof_leak', want: { status: 'accepted', leg: 'resolve', flavor: 'overdue' },
    force: held('resolve'), description: '6号楼顶层雨后漏水' },
  { key: 'b-visit', compound: 'haipolanxuan-1', category: 'greenery_trim', want: { status: 'resolved', leg: 'visit', attempts: 0 },
    force: { ...held('visit'), way: 'visit' }, description: '2号楼前草坪杂草过高' },
];

const STEP_MINUTES = 20;
const SEARCH_DAYS = 30;

/** Whether the story, cut at now, is in the state the cast ticket asks for. */
export function inState(r: StoryResult, want: CastTicket['want']): boolean {
  if (r.status !== want.status) return false;
  if (want.whistled && !r.events.some((e) => e.action === 'escalate')) return false;
  const leg = want.leg ? r.legs.find((l) => l.leg === want.leg && l.status === 'open') : undefined;
  if (want.leg && !leg) return false;
  if (want.attempts !== undefined && r.visit?.attempts !== want.attempts) return false;
  if (!leg || !want.flavor) return true;
  switch (want.flavor) {
    case 'paused':
      return !!leg.paused_at;
    case 'overdue':
      return !!leg.breached_at && !leg.paused_at;
    case 'warned':
      return !!leg.warned_at && !leg.breached_at && !leg.paused_at;
    case 'fresh':
      return !leg.warned_at && !leg.breached_at && !leg.paused_at;
  }
}

/**
 * The latest start (walking back from now in 20-minute steps, up to 30 days) at which the ticket
 * is in the wanted state at `now`; null if there is none. The generator is reset for every try,
 * so the answer depends on `now` only.
 */
export function castStory(c: CastTicket, now: Date, input: Omit<StoryInput, 'created'>): { created: Date; story: StoryResult } | null {
  const first = Math.max(1, Math.round(((c.backDays ?? 0) * DAY) / (STEP_MINUTES * MIN)));
  const last = first + Math.round((SEARCH_DAYS * DAY) / (STEP_MINUTES * MIN));
  for (let k = first; k <= last; k++) {
    const created = new Date(now.getTime() - k * STEP_MINUTES * MIN);
    const story = tellStory(generator(seedOf(c.key)), now, { ...input, created });
    if (story && inState(story, c.want)) return { created, story };
  }
  return null;
}
