import type { Disclosure } from '../../api/api.types';

/** An approved 五公开 version, for component tests. */
export const approvedDisclosure: Disclosure = {
  id: 7, compound: { id: 31, name: '云凤花园' }, company: { id: 4, name: '宁夏阅海物业服务有限公司' }, version: 2, status: 'approved', revision: 3,
  serviceContent: '公共区域保洁每日两次', feeItems: [{ item: '物业服务费（住宅）', unit: '元/平方米·月', amount: '1.20' }, { item: '地面停车位', unit: '元/个·月', amount: '60' }],
  basisKind: 'price_bureau', basisText: '银川市发改委文件', basisUploadId: null, basisUploadType: null, commitments: '报修30分钟内响应', complaintPhone: '0951-5108826',
  drafted: { by: { id: 1, displayName: '陈伟' }, at: '2026-11-01T02:00:00.000Z' }, updatedAt: '2026-11-01T02:00:00.000Z',
  submitted: { by: { id: 1, displayName: '陈伟' }, at: '2026-11-01T03:00:00.000Z' },
  reviewed: { by: { id: 2, displayName: '白雪梅' }, at: '2026-11-02T03:00:00.000Z', note: null }, canEdit: false, canReview: false,
};
