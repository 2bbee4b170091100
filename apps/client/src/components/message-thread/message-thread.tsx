import { Text, View } from '@tarojs/components';
import { TICKET_STATUS_LABELS, type TicketStatus } from '@red-butler/domain';
import type { Message, MessageThread } from '../../api/api.types';
import { ago } from '../../lib/format.util';
import { UnreadBadge } from '../unread-badge/unread-badge';

/**
 * One ticket's messages, newest first. Tapping the head opens the ticket (the page marks the thread
 * read); tapping one unread message marks just that one read.
 */
export function MessageThreadCard({ thread, onOpen, onRead }: {
  thread: MessageThread;
  onOpen: (thread: MessageThread) => void;
  onRead: (message: Message) => void;
}) {
  const t = thread.ticket;
  return (
    <View className="card message-thread" data-ticket-id={t?.id ?? ''}>
      <View className="message-thread__head" onClick={() => onOpen(thread)} data-testid="thread-open">
        <Text className="message-thread__title">{t ? `${t.category} · ${t.no}` : '系统消息'}</Text>
        {t && <Text className={`chip chip--${t.status}`}>{TICKET_STATUS_LABELS[t.status as TicketStatus] ?? t.status}</Text>}
        <UnreadBadge count={thread.unread} />
        {t && <Text className="muted">›</Text>}
      </View>
      {thread.messages.map((m) => (
        <View
          key={m.id}
          className={`message ${m.readAt ? '' : 'message--unread'}`}
          data-message-id={m.id}
          onClick={() => (m.readAt ? onOpen(thread) : onRead(m))}
        >
          {!m.readAt && <Text className="message__dot" data-testid="unread-dot" />}
          <View className="message__text">
            <Text className="message__title">{m.title}</Text>
            <Text className="message__body">{m.body}</Text>
          </View>
          <Text className="message__time">{ago(m.createdAt)}</Text>
        </View>
      ))}
    </View>
  );
}
