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
// 时限与配置 (issue #12 part C): admins only.
const SLA_POLICIES: WorkbenchEntry = { key: 'sla-policies', title: '时限策略', hint: '各类别、各紧急程度的派单/接单/办结时限', icon: '⏱️', url: '/staff/pages/sla-policies/index' };
const WORK_CALENDAR: WorkbenchEntry = { key: 'work-calendar', title: '工作日历', hint: '节假日与调休，载入国务院放假通知', icon: '📅', url: '/staff/pages/work-calendar/index' };
const CATEGORIES: WorkbenchEntry = { key: 'categories', title: '报事类别', hint: '名称、图标、主管部门、是否公开', icon: '🗂️', url: '/staff/pages/categories/index' };
const OPEN311_KEYS: WorkbenchEntry = { key: 'open311-keys', title: '接口密钥', hint: 'Open311 密钥签发、用途与吊销', icon: '🔑', url: '/staff/pages/open311-keys/index' };
const SUBSCRIBE_TEMPLATES: WorkbenchEntry = { key: 'subscribe-templates', title: '订阅消息模板', hint: '微信订阅消息的模板ID', icon: '🔔', url: '/staff/pages/subscribe-templates/index' };
const HOUSEHOLD: WorkbenchEntry = { key: 'household', title: '绑定房屋', hint: '申请绑定所住小区、楼栋和房号（业主/租户）', icon: '🏠', url: '/pages/household/index' };
const HOUSEHOLDS: WorkbenchEntry = { key: 'households', title: '居民绑定申请', hint: '审核居民绑定房屋的申请', icon: '🏠', url: '/staff/pages/households/index' };
const PEOPLE: WorkbenchEntry = { key: 'people', title: '人员管理', hint: '账号、角色与范围、停用、重置密码', icon: '👥', url: '/staff/pages/people/index' };
const AUDIT: WorkbenchEntry = { key: 'audit', title: '操作日志', hint: '管理操作记录，保留六个月，可导出', icon: '🧾', url: '/staff/pages/audit/index' };
const DISTRICT_IMPORT: WorkbenchEntry = { key: 'district-import', title: '辖区数据导入', hint: '导入组织架构、物业公司、合同、职能部门（Excel/CSV）', icon: '📥', url: '/staff/pages/district-import/index' };
const DISTRICT_DATA: WorkbenchEntry = { key: 'district-data', title: '辖区基础数据', hint: '查看、修改组织架构、物业公司、合同和部门及其变更记录', icon: '🗂️', url: '/staff/pages/district-data/index' };
const SITE_PLANS: WorkbenchEntry = { key: 'site-plans', title: '小区平面图', hint: '查看、下载、上传各小区的平面图（JSON）', icon: '🗺️', url: '/staff/pages/site-plans/index' };
const BOARD: WorkbenchEntry = { key: 'board', title: '督办看板', hint: '按时办结率、满意率、超期督办、物业排名', icon: '📊', url: '/staff/pages/dashboard/index' };

/** The screens each role works in, in the order they appear on the home page. */
const BY_ROLE: Record<Role, WorkbenchEntry[]> = {
  resident: [REPORT, MINE, HOUSEHOLD, DISCLOSURE, VOTES, POINTS, COMPOUND_TRAIL],
  grid_worker: [ON_BEHALF, VISITS, MINE],
  community_staff: [QUEUE, VISITS, ON_BEHALF, IMPORT, BOARD, VOTES, REGISTER, DISCLOSURE_REVIEWS, DISCLOSURE_BOARD, POINTS_DESK, PARTICIPATION, HOUSEHOLDS],
  street_staff: [QUEUE, ON_BEHALF, IMPORT, APPEALS, NOTICES, BOARD, VOTES, DISCLOSURE_BOARD, PARTICIPATION],
  property_manager: [INBOX, MY_APPEALS, MY_NOTICES, DISCLOSURE_EDIT],
  property_worker: [INBOX],
  department_staff: [INBOX, MY_APPEALS],
  supervisor: [BOARD, APPEALS, NOTICES, VOTES, DISCLOSURE_BOARD, PARTICIPATION],
  admin: [PEOPLE, AUDIT, QUEUE, INBOX, BOARD, APPEALS, NOTICES, POINTS_DESK, DISTRICT_IMPORT, DISTRICT_DATA, SITE_PLANS, SLA_POLICIES, WORK_CALENDAR, CATEGORIES, OPEN311_KEYS, SUBSCRIBE_TEMPLATES],
  owners_committee_member: [DISCLOSURE, VOTES],
  system: [],
};

export function workbenchFor(roles: readonly Role[], scopes: ReadonlyArray<{ role: Role; orgUnit: { kind: string } | null }> = []): WorkbenchEntry[] {
  const seen = new Set<string>();
  // A street admin (every admin scope is a street) manages that street's people and reads their
  // trail; the district-wide admin screens would only answer 403.
  const adminScopes = scopes.filter((s) => s.role === 'admin');
  const streetAdminOnly = adminScopes.length > 0 && adminScopes.every((s) => s.orgUnit?.kind === 'street');
  const entries = (r: Role) => (r === 'admin' && streetAdminOnly ? [PEOPLE, AUDIT] : (BY_ROLE[r] ?? []));
  return roles.flatMap(entries).filter((e) => (seen.has(e.key) ? false : (seen.add(e.key), true)));
}

/** Who may start a 业主大会 vote (the API checks the compound): the 业委会 and community staff. */
export const draftsVotes = (roles: readonly Role[]) => roles.some((r) => r === 'owners_committee_member' || r === 'community_staff');

/** Staff who file cases for others (hotline, walk-in, patrol) choose a channel and a call-back number. */
export const filesForOthers = (roles: readonly Role[]) =>
  roles.some((r) => r === 'grid_worker' || r === 'community_staff' || r === 'street_staff');

/** A resident (or 业委会 member) with no staff role: plain words, the resident tab bar. */
export const isResidentOnly = (roles: readonly Role[]) =>
  roles.length > 0 && roles.every((r) => r === 'resident' || r === 'owners_committee_member');
