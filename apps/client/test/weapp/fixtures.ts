// What the API answers, in the shapes of apps/api (ticket.view.ts, org.service.ts, me.service.ts).
export const me = {
  id: 2,
  displayName: '李建国',
  phone: '13800000001',
  roles: ['resident'],
  scopes: [{ role: 'resident', roleLabel: '居民', orgUnit: null, organization: null }],
  compound: { id: 30, name: '湖畔嘉苑', kind: 'compound' },
  building: { id: 31, name: '6号楼', kind: 'building' },
};

export const categories = [
  { id: 1, code: 'manhole_cover_missing', name: '井盖缺失', group: '公共设施', icon: 'manhole', handlerKind: 'company', defaultPriority: 'emergency', department: null },
  { id: 2, code: 'street_light_out', name: '路灯不亮', group: '公共设施', icon: 'light', handlerKind: 'company', defaultPriority: 'normal', department: null },
];

export const compounds = [
  { id: 30, code: 'hpjy', name: '湖畔嘉苑', address: '金凤区', lat: 38.48, lng: 106.23, communityId: 10, communityName: '安居苑社区', streetId: 5, streetName: '北京中路街道', buildings: [{ id: 31, name: '6号楼' }] },
];

const at = '2026-03-05T02:04:00.000Z';
const summary = {
  id: 77,
  no: 'HG260305000077',
  status: 'resolved',
  priority: 'emergency',
  channel: 'mini_program',
  category: { id: 1, code: 'manhole_cover_missing', name: '井盖缺失', icon: 'manhole' },
  description: '6号楼东侧井盖丢失，晚上很危险',
  reporter: { id: 2, displayName: '李建国', phone: '13800000001' },
  communityId: 10,
  communityName: '安居苑社区',
  compound: { id: 30, name: '湖畔嘉苑' },
  building: { id: 31, name: '6号楼' },
  location: null,
  address: null,
  handler: { kind: 'company', id: 40, name: '宁夏塞上阳光物业' },
  assignee: { id: 9, displayName: '张师傅' },
  mergedIntoId: null,
  returnCount: 0,
  reopenCount: 0,
  rating: null,
  ratingComment: null,
  version: 4,
  createdAt: at,
  updatedAt: at,
  dispatchedAt: at,
  acceptedAt: at,
  resolvedAt: at,
  closedAt: null,
  dueAt: null,
  overdue: false,
};

// The resident's survey window, counted from the moment this file loads: 剩余 3天5小时 for the test's few seconds.
const surveyDue = new Date(Date.now() + ((3 * 24 + 5) * 60 + 30) * 60_000).toISOString();
const clock = { partyOrgId: null, clock: 'clock', warnAt: null, warnedAt: null, overdueAt: null, overdue: false, escalationLevel: 0, pausedAt: null, pauseReason: null, pausedMinutes: 0 };

export const resolvedTicket = {
  ...summary,
  allowedActions: ['rate'],
  suggestedHandler: null,
  deadlines: [
    { ...clock, id: 1, leg: 'dispatch', party: 'community', clock: 'working', allowedMinutes: 120, startedAt: at, dueAt: at, status: 'met', closedAt: at },
    { ...clock, id: 2, leg: 'accept', party: 'company', clock: 'working', allowedMinutes: 60, startedAt: at, dueAt: at, status: 'met', closedAt: at },
    { ...clock, id: 3, leg: 'resolve', party: 'company', clock: 'working', allowedMinutes: 480, startedAt: at, dueAt: at, status: 'met', closedAt: at },
    { ...clock, id: 4, leg: 'survey', party: 'resident', allowedMinutes: 10080, startedAt: at, dueAt: surveyDue, status: 'open', closedAt: null },
  ],
  timeline: [
    { id: 1, action: 'report', from: null, to: 'submitted', actor: { id: 2, displayName: '李建国', role: 'resident' }, note: null, photos: [{ id: 'p1', url: '/api/uploads/p1' }], data: {}, at },
    { id: 2, action: 'dispatch', from: 'submitted', to: 'dispatched', actor: { id: 5, displayName: '王芳', role: 'community_staff' }, note: null, photos: [], data: { handlerName: '宁夏塞上阳光物业', whistle: false }, at },
    { id: 3, action: 'accept', from: 'dispatched', to: 'accepted', actor: { id: 7, displayName: '赵经理', role: 'property_manager' }, note: null, photos: [], data: {}, at },
    { id: 4, action: 'resolve', from: 'accepted', to: 'resolved', actor: { id: 9, displayName: '张师傅', role: 'property_worker' }, note: '已更换井盖', photos: [{ id: 'p2', url: '/api/uploads/p2' }], data: {}, at },
  ],
};

export const closedTicket = {
  ...resolvedTicket,
  status: 'closed',
  rating: 'satisfied',
  allowedActions: [],
  deadlines: resolvedTicket.deadlines.map((d) => ({ ...d, status: d.status === 'open' ? 'met' : d.status, closedAt: at })),
  timeline: [
    ...resolvedTicket.timeline,
    { id: 5, action: 'rate', from: 'resolved', to: 'closed', actor: { id: 2, displayName: '李建国', role: 'resident' }, note: null, photos: [], data: { rating: 'satisfied' }, at },
  ],
};
