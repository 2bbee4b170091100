import type { Role } from '@red-butler/domain';

export interface WorkbenchEntry {
  key: string;
  title: string;
  hint: string;
  icon: string;
  url: string;
}

const REPORT: WorkbenchEntry = { key: 'report', title: '我要报事', hint: '拍照上报小区里的问题', icon: '📷', url: '/pages/report/index' };
const MINE: WorkbenchEntry = { key: 'mine', title: '我的工单', hint: '查看进度、评价办理结果', icon: '📄', url: '/pages/tickets/index' };
const ON_BEHALF: WorkbenchEntry = { key: 'on-behalf', title: '代居民报事', hint: '巡查发现或居民来电，代为上报', icon: '📝', url: '/pages/report/index?onBehalf=1' };
const QUEUE: WorkbenchEntry = { key: 'queue', title: '派单队列', hint: '待派单工单，先到先派', icon: '📮', url: '/staff/pages/queue/index' };
const INBOX: WorkbenchEntry = { key: 'inbox', title: '待办工单', hint: '接单、退单、处理、办结', icon: '🧰', url: '/staff/pages/inbox/index' };
const VISITS: WorkbenchEntry = { key: 'visits', title: '电话回访', hint: '居民未评价的办结工单，电话询问满意度', icon: '📞', url: '/staff/pages/visits/index' };
const APPEALS: WorkbenchEntry = { key: 'appeals', title: '申诉裁定', hint: '物业、部门对“不满意”评价的申诉', icon: '⚖️', url: '/staff/pages/appeals/index' };
const MY_APPEALS: WorkbenchEntry = { ...APPEALS, title: '评价申诉', hint: '本单位的申诉与裁定结果' };
const IMPORT: WorkbenchEntry = { key: 'import', title: '12345工单导入', hint: '上传热线平台导出的 CSV，预览后批量生成工单', icon: '☎️', url: '/staff/pages/import/index' };
const VOTES: WorkbenchEntry = { key: 'votes', title: '业主大会', hint: '表决投票、结果公示', icon: '🗳️', url: '/pages/votes/index' };
const REGISTER: WorkbenchEntry = { key: 'register', title: '房屋登记', hint: '导入专有部分登记表，确认业主认证', icon: '🏘️', url: '/staff/pages/register/index' };
const NOTICES: WorkbenchEntry = { key: 'notices', title: '督导整改', hint: '下发督导通知、核验整改、逾期降级', icon: '📋', url: '/staff/pages/notices/index' };
const MY_NOTICES: WorkbenchEntry = { ...NOTICES, title: '督导整改', hint: '本公司收到的督导通知，限期答复整改' };
const COMPOUND_TRAIL: WorkbenchEntry = { key: 'compound-trail', title: '物业督导公示', hint: '本小区物业公司的督导整改、降级与清退', icon: '📢', url: '/pages/compound-trail/index' };
const DISCLOSURE: WorkbenchEntry = { key: 'disclosure', title: '五公开·公示栏', hint: '物业收费标准、服务承诺，业委会公示', icon: '📢', url: '/pages/disclosure/index' };
const DISCLOSURE_REVIEWS: WorkbenchEntry = { key: 'disclosure-reviews', title: '公开审核', hint: '审核物业五公开、业委会公示', icon: '✅', url: '/staff/pages/disclosure-reviews/index' };
const DISCLOSURE_BOARD: WorkbenchEntry = { key: 'disclosure-board', title: '五公开督查', hint: '未公开或超过一年未更新的小区', icon: '🔎', url: '/staff/pages/disclosure-board/index' };
const DISCLOSURE_EDIT: WorkbenchEntry = { ...DISCLOSURE_BOARD, key: 'disclosure-edit', title: '五公开', hint: '编辑服务小区的五公开并提交社区审核' };
const POINTS: WorkbenchEntry = { key: 'points', title: '积分与爱心屋', hint: '我的积分、社区活动报名、兑换物品', icon: '🎁', url: '/pages/points/index' };
const POINTS_DESK: WorkbenchEntry = { key: 'points-desk', title: '积分活动', hint: '发布活动、签到、爱心屋核销、积分规则', icon: '🎁', url: '/staff/pages/points-desk/index' };
const PARTICIPATION: WorkbenchEntry = { key: 'participation', title: '积分参与', hint: '各社区居民参与、积分获得与兑换', icon: '🤝', url: '/staff/pages/participation/index' };
const BOARD: WorkbenchEntry = { key: 'board', title: '督办看板', hint: '按时办结率、满意率、超期督办、物业排名', icon: '📊', url: '/staff/pages/dashboard/index' };

/** The screens each role works in, in the order they appear on the home page. */
const BY_ROLE: Record<Role, WorkbenchEntry[]> = {
  resident: [REPORT, MINE, DISCLOSURE, VOTES, POINTS, COMPOUND_TRAIL],
  grid_worker: [ON_BEHALF, VISITS, MINE],
  community_staff: [QUEUE, VISITS, ON_BEHALF, IMPORT, BOARD, VOTES, REGISTER, DISCLOSURE_REVIEWS, DISCLOSURE_BOARD, POINTS_DESK, PARTICIPATION],
  street_staff: [QUEUE, ON_BEHALF, IMPORT, APPEALS, NOTICES, BOARD, VOTES, DISCLOSURE_BOARD, PARTICIPATION],
  property_manager: [INBOX, MY_APPEALS, MY_NOTICES, DISCLOSURE_EDIT],
  property_worker: [INBOX],
  department_staff: [INBOX, MY_APPEALS],
  supervisor: [BOARD, APPEALS, NOTICES, VOTES, DISCLOSURE_BOARD, PARTICIPATION],
  admin: [QUEUE, INBOX, BOARD, APPEALS, NOTICES, POINTS_DESK],
  owners_committee_member: [DISCLOSURE, VOTES],
  system: [],
};

export function workbenchFor(roles: readonly Role[]): WorkbenchEntry[] {
  const seen = new Set<string>();
  return roles.flatMap((r) => BY_ROLE[r] ?? []).filter((e) => (seen.has(e.key) ? false : (seen.add(e.key), true)));
}

/** Who may start a 业主大会 vote (the API checks the compound): the 业委会 and community staff. */
export const draftsVotes = (roles: readonly Role[]) => roles.some((r) => r === 'owners_committee_member' || r === 'community_staff');

/** Staff who file cases for others (hotline, walk-in, patrol) choose a channel and a call-back number. */
export const filesForOthers = (roles: readonly Role[]) =>
  roles.some((r) => r === 'grid_worker' || r === 'community_staff' || r === 'street_staff');

/** A resident (or 业委会 member) with no staff role: plain words, the resident tab bar. */
export const isResidentOnly = (roles: readonly Role[]) =>
  roles.length > 0 && roles.every((r) => r === 'resident' || r === 'owners_committee_member');
