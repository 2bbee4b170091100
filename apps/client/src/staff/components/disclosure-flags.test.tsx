import { render, screen } from '@testing-library/react';
import type { DisclosureBoard } from '../../api/api.types';
import { DisclosureFlags } from './disclosure-flags';

const row = (id: number, flag: 'current' | 'stale' | 'missing', pendingReview = false) => ({
  compound: { id, name: `小区${id}` }, community: { id: 1, name: '安居苑社区' }, company: { id: 2, name: '塞上阳光' },
  publicVersion: flag === 'missing' ? null : { id: id * 10, version: 1, approvedAt: '2025-11-01T00:00:00.000Z' }, pendingReview, flag,
});

describe('DisclosureFlags (五公开督查)', () => {
  it('lists flagged compounds first with the reason, and the count', () => {
    const board: DisclosureBoard = { asOf: '2026-12-04T00:00:00.000Z', staleAfterDays: 365, flagged: 2, items: [row(1, 'current'), row(2, 'stale'), row(3, 'missing', true)] };
    render(<DisclosureFlags board={board} editable={false} />);
    expect(screen.getAllByTestId('flag').map((f) => f.textContent)).toEqual(['超过一年未更新', '待审核 · 未公开', '已公开']);
    expect(screen.getByTestId('flagged-count').textContent).toContain('需整改 2 个小区');
  });
});
