import { allowedActions } from '@red-butler/domain';
import { fireEvent, render, screen } from '@testing-library/react';
import { ActionBar, offeredActions } from './action-bar';

describe('ActionBar', () => {
  it('offers the allowed actions it has screens for, in a fixed order, with their Chinese labels', () => {
    const onAction = jest.fn();
    render(<ActionBar allowed={['merge', 'reject', 'dispatch', 'escalate']} onAction={onAction} />);
    const labels = screen.getAllByRole('button').map((b) => b.textContent);
    expect(labels).toEqual(['派单', '吹哨', '合并', '不予受理']);
    fireEvent.click(screen.getByText('派单'));
    expect(onAction).toHaveBeenCalledWith('dispatch');
  });

  it('never offers the system’s own steps', () => {
    expect(offeredActions(['expire', 'overdue', 'supervise', 'resume', 'pause', 'progress', 'resolve'])).toEqual(['progress', 'resolve', 'pause', 'resume']);
  });

  it('offers community staff the phone return visit on a resolved ticket', () => {
    render(<ActionBar allowed={allowedActions('resolved', { roles: ['community_staff'], isReporter: false })} onAction={jest.fn()} />);
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual(['电话回访']);
  });

  it('renders nothing when the API allows nothing', () => {
    const { container } = render(<ActionBar allowed={[]} onAction={jest.fn()} />);
    expect(container.innerHTML).toBe('');
  });

  it('shows what packages/domain allows: a resident may only rate a resolved ticket of their own', () => {
    render(<ActionBar allowed={allowedActions('resolved', { roles: ['resident'], isReporter: true })} onAction={jest.fn()} />);
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual(['评价']);
  });

  it('offers a property manager accept and return on a dispatched ticket, nothing more', () => {
    render(<ActionBar allowed={allowedActions('dispatched', { roles: ['property_manager'], isReporter: false })} onAction={jest.fn()} />);
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual(['接单', '退单']);
  });

  it('disables every button while an action is running', () => {
    render(<ActionBar allowed={['cancel']} onAction={jest.fn()} disabled />);
    expect((screen.getByText('撤销') as HTMLButtonElement).disabled).toBe(true);
  });
});
