import { render, screen } from '@testing-library/react';
import { UnreadBadge } from './unread-badge';

describe('UnreadBadge', () => {
  it('shows the count, capped at 99+', () => {
    const { rerender } = render(<UnreadBadge count={3} />);
    expect(screen.getByTestId('unread-badge').textContent).toBe('3');
    rerender(<UnreadBadge count={120} />);
    expect(screen.getByTestId('unread-badge').textContent).toBe('99+');
  });

  it('shows nothing when all is read', () => {
    render(<UnreadBadge count={0} />);
    expect(screen.queryByTestId('unread-badge')).toBeNull();
  });
});
