import { render, screen } from '@testing-library/react';
import { approvedDisclosure } from './disclosure.fixture';
import { DisclosureView } from './disclosure-view';

describe('DisclosureView (五公开)', () => {
  it('shows the five disclosures with exact amounts and units, the basis kind, and who approved it when', () => {
    render(<DisclosureView disclosure={approvedDisclosure} />);
    expect(screen.getByText('1.20 元/平方米·月')).toBeTruthy();
    expect(screen.getByText('60 元/个·月')).toBeTruthy();
    expect(screen.getByText('三、收费依据（价格主管部门文件）')).toBeTruthy();
    expect(screen.getByTestId('complaint-phone').textContent).toBe('0951-5108826');
    expect(screen.getByTestId('disclosure-version').textContent).toContain('第2版 · 白雪梅');
  });
});
