import { render, screen } from '@testing-library/react';
import type { VoteResult as Result } from '../../api/api.types';
import { VoteResult } from './vote-result';

const passed: Result = {
  total: { areaM2: '865.91', heads: 6, units: 8 },
  participated: { areaM2: '646.49', heads: 5, units: 6 },
  quorum: true,
  threshold: 'more_than_half',
  options: [{ option: 0, label: '同意', areaM2: '429.92', heads: 3 }, { option: 1, label: '不同意', areaM2: '216.57', heads: 2 }],
  adoptedOption: 0,
  passed: true,
  purpose: 'dismiss_company',
};

describe('VoteResult', () => {
  it('shows the electorate, the quorum, each option and the decision with the ordinary rule', () => {
    render(<VoteResult result={passed} />);
    expect(screen.getByText(/专有部分总面积 865.91 ㎡ · 业主 6 人（8 户）/)).toBeTruthy();
    expect(screen.getByText('参与面积和人数均达到三分之二以上')).toBeTruthy();
    expect(screen.getByText('429.92 ㎡ · 3 人')).toBeTruthy();
    expect(screen.getByTestId('vote-outcome').textContent).toBe('“同意”获得参与表决面积和人数过半数同意，形成决定');
  });

  it('says when the quorum failed and nothing was decided, with the three-quarter rule for special matters', () => {
    render(<VoteResult result={{ ...passed, quorum: false, threshold: 'three_quarters', adoptedOption: null, passed: false }} />);
    expect(screen.getByText('参与面积或人数未达到三分之二，表决不成立')).toBeTruthy();
    expect(screen.getByTestId('vote-outcome').textContent).toBe('没有选项获得参与表决面积和人数四分之三以上同意，未形成决定');
  });
});
