import { fireEvent, render, screen } from '@testing-library/react';
import type { MessageThread } from '../../api/api.types';
import { MessageThreadCard } from './message-thread';

const thread: MessageThread = {
  ticket: { id: 7, no: 'HG261204000007', status: 'accepted', category: '路灯不亮' },
  unread: 1,
  lastMessageId: 12,
  messages: [
    { id: 12, kind: 'ticket_status', title: '报事进展：处理中', body: '处理单位已接单', createdAt: new Date().toISOString(), readAt: null },
    { id: 10, kind: 'ticket_status', title: '报事进展：待接单', body: '已派单至塞上阳光物业', createdAt: new Date().toISOString(), readAt: new Date().toISOString() },
  ],
};

describe('MessageThreadCard', () => {
  it('shows the ticket, its status, the unread count and a dot on each unread message', () => {
    render(<MessageThreadCard thread={thread} onOpen={jest.fn()} onRead={jest.fn()} />);
    expect(screen.getByText('路灯不亮 · HG261204000007')).toBeTruthy();
    expect(screen.getByText('处理中')).toBeTruthy();
    expect(screen.getByTestId('unread-badge').textContent).toBe('1');
    expect(screen.getAllByTestId('unread-dot')).toHaveLength(1);
  });

  it('tapping the head opens the ticket; tapping an unread message marks it read; a read one opens the ticket', () => {
    const onOpen = jest.fn();
    const onRead = jest.fn();
    const { container } = render(<MessageThreadCard thread={thread} onOpen={onOpen} onRead={onRead} />);
    fireEvent.click(screen.getByTestId('thread-open'));
    expect(onOpen).toHaveBeenCalledWith(thread);
    fireEvent.click(container.querySelector('[data-message-id="12"]') as Element);
    expect(onRead).toHaveBeenCalledWith(thread.messages[0]);
    fireEvent.click(container.querySelector('[data-message-id="10"]') as Element);
    expect(onOpen).toHaveBeenCalledTimes(2);
  });

  it('a message without a ticket is a 系统消息 and opens nothing new', () => {
    render(<MessageThreadCard thread={{ ...thread, ticket: null, unread: 0 }} onOpen={jest.fn()} onRead={jest.fn()} />);
    expect(screen.getByText('系统消息')).toBeTruthy();
    expect(screen.queryByTestId('unread-badge')).toBeNull();
  });
});
