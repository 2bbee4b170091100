import type { SupervisionNotice } from '../../api/api.types';

/** A notice as the API answers it, for the component tests. */
export const notice: SupervisionNotice = {
  id: 31,
  company: { id: 3, name: '宁夏塞上阳光物业服务有限公司' },
  compounds: [{ id: 11, name: '湖畔嘉苑' }],
  issuer: { unitId: 5, unitName: '北京中路街道', unitKind: 'street', displayName: '赵志刚' },
  problem: '楼道照明多次报修超期未修复',
  expected: '3个工作日内修复并提交照片',
  ticketIds: [],
  blackListQuarter: null,
  workingDays: 3,
  status: 'issued',
  statusLabel: '待整改',
  version: 1,
  issuedAt: '2026-12-01T02:00:00.000Z',
  dueAt: '2026-12-04T09:30:00.000Z',
  overdueAt: null,
  escalationLevel: 0,
  allowedActions: [],
  answers: [],
  tickets: [],
  downgrades: [],
};
