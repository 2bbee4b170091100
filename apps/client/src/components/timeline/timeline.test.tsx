import { render, screen, waitFor } from '@testing-library/react';
import type { TimelineEvent } from '../../api/api.types';
import { Timeline } from './timeline';

jest.mock('../../platform/photo-source', () => ({
  resolvePhotoSrc: jest.fn(async (url: string) => `blob:${url}`),
}));

const at = '2026-03-05T02:04:00.000Z';
const events: TimelineEvent[] = [
  { id: 1, action: 'report', from: null, to: 'submitted', actor: { id: 2, displayName: '李建国', role: 'resident' }, note: null, photos: [{ id: 'a', url: '/api/uploads/a' }], data: { channel: 'mini_program' }, at },
  { id: 2, action: 'dispatch', from: 'submitted', to: 'dispatched', actor: { id: 5, displayName: '王芳', role: 'community_staff' }, note: '请尽快处理', photos: [], data: { handlerName: '宁夏塞上阳光物业', whistle: false }, at },
  { id: 3, action: 'resolve', from: 'accepted', to: 'resolved', actor: { id: 8, displayName: '张师傅', role: 'property_worker' }, note: '已更换井盖', photos: [{ id: 'b', url: '/api/uploads/b' }, { id: 'c', url: '/api/uploads/c' }], data: {}, at },
  { id: 4, action: 'rate', from: 'resolved', to: 'closed', actor: { id: 2, displayName: '李建国', role: 'resident' }, note: '很及时', photos: [], data: { rating: 'satisfied' }, at },
];

describe('Timeline', () => {
  it('lists every step with what happened, who (name and role) and the status change', async () => {
    const { container } = render(<Timeline events={events} />);
    await waitFor(() => expect(container.querySelectorAll('img')).toHaveLength(3));
    expect(screen.getAllByTestId('timeline-item')).toHaveLength(4);
    expect(screen.getByText('点单')).toBeTruthy();
    expect(screen.getAllByText('李建国 · 居民')).toHaveLength(2);
    expect(screen.getByText('王芳 · 社区工作人员')).toBeTruthy();
    expect(screen.getByText('派往：宁夏塞上阳光物业')).toBeTruthy();
    expect(screen.getByText('待派单 → 待接单')).toBeTruthy();
    expect(screen.getByText('处理中 → 待评价')).toBeTruthy();
    expect(screen.getByText('评价：满意')).toBeTruthy();
  });

  it('shows notes and the photos of each step, loaded with the token', async () => {
    const { container } = render(<Timeline events={events} />);
    expect(screen.getByText('已更换井盖')).toBeTruthy();
    expect(screen.getByText('请尽快处理')).toBeTruthy();
    await waitFor(() => expect(container.querySelectorAll('img')).toHaveLength(3));
    expect(container.querySelector('img')?.getAttribute('src')).toBe('blob:/api/uploads/a');
  });

  it('says when the event happened in local time', () => {
    render(<Timeline events={[{ ...events[0], photos: [] }]} />);
    const d = new Date(at);
    const hhmm = `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
    expect(screen.getByText(new RegExp(hhmm))).toBeTruthy();
  });

  it('names a 吹哨 to a department as such', () => {
    render(<Timeline events={[{ ...events[1], action: 'escalate', data: { handlerName: '金凤区综合执法局', whistle: true } }]} />);
    expect(screen.getByText('吹哨')).toBeTruthy();
    expect(screen.getByText('吹哨至：金凤区综合执法局')).toBeTruthy();
  });

  it('keeps 申诉 and its 裁定 on the timeline, with what was decided and no status change', () => {
    const appeal: TimelineEvent = { id: 5, action: 'appeal', from: 'accepted', to: 'accepted', actor: { id: 9, displayName: '赵经理', role: 'property_manager' }, note: '居民要求超出报修范围', photos: [], data: { appealId: 1, ratingEventId: 4 }, at };
    const upheld: TimelineEvent = { id: 6, action: 'appeal_decision', from: 'accepted', to: 'accepted', actor: { id: 10, displayName: '孙科长', role: 'street_staff' }, note: '经核实申诉成立', photos: [], data: { appealId: 1, decision: 'upheld' }, at };
    render(<Timeline events={[appeal, upheld, { ...upheld, id: 7, data: { appealId: 2, decision: 'denied' }, note: '维持原评价' }]} />);
    expect(screen.getByText('申诉')).toBeTruthy();
    expect(screen.getAllByText('申诉裁定')).toHaveLength(2);
    expect(screen.getByText('赵经理 · 物业项目经理')).toBeTruthy();
    expect(screen.getByText('对“不满意”评价提出申诉，待街道裁定')).toBeTruthy();
    expect(screen.getByText('裁定：申诉成立，该评价不计入满意率')).toBeTruthy();
    expect(screen.getByText('裁定：申诉驳回，评价维持')).toBeTruthy();
    expect(screen.getByText('居民要求超出报修范围')).toBeTruthy();
    expect(screen.queryByText('处理中 → 处理中')).toBeNull();
  });
});

describe('Timeline for the resident who reported it (plain words)', () => {
  const system = { id: 9, action: 'overdue', from: 'dispatched', to: 'dispatched', actor: { id: 1, displayName: '系统', role: 'system' }, note: null, photos: [], data: {}, at } as TimelineEvent;
  const accept = { id: 5, action: 'accept', from: 'dispatched', to: 'accepted', actor: { id: 7, displayName: '赵经理', role: 'property_manager' }, note: null, photos: [], data: {}, at } as TimelineEvent;
  const progress = { id: 6, action: 'progress', from: 'accepted', to: 'accepted', actor: { id: 8, displayName: '张师傅', role: 'property_worker' }, note: '已订购井盖', photos: [], data: {}, at } as TimelineEvent;

  it('says 已提交 / 已派给… / 已接单 / 处理中 / 已办结 instead of 点单 / 派单, without status codes', () => {
    const { container } = render(<Timeline events={[events[0], events[1], accept, progress, events[2]]} plain />);
    const titles = Array.from(container.querySelectorAll('.timeline__action')).map((e) => e.textContent);
    expect(titles).toEqual(['已提交', '已派给宁夏塞上阳光物业', '已接单', '处理中', '已办结']);
    expect(screen.queryByText('点单')).toBeNull();
    expect(screen.queryByText(/→/)).toBeNull();
    expect(screen.queryByText('派往：宁夏塞上阳光物业')).toBeNull();
  });

  it('the deadline engine is 系统自动, never 系统 · 系统 (for staff too)', () => {
    const { container, rerender } = render(<Timeline events={[system]} plain />);
    expect(container.querySelector('.timeline__who')?.textContent).toBe('系统自动');
    rerender(<Timeline events={[system]} />);
    expect(container.querySelector('.timeline__who')?.textContent).toBe('系统自动');
    expect(screen.queryByText('系统 · 系统')).toBeNull();
  });
});
