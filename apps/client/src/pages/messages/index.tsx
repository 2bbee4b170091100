import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { errorText } from '../../api/api-error';
import type { Message, MessageThread, MessageThreads } from '../../api/api.types';
import { messagesApi } from '../../api/messages.api';
import { EmptyState } from '../../components/empty-state/empty-state';
import { MessageThreadCard } from '../../components/message-thread/message-thread';
import { Screen } from '../../components/screen/screen';
import { useSignedIn } from '../../hooks/use-me.hook';
import { useScreenData } from '../../hooks/use-screen-data.hook';
import { subscribeAvailable } from '../../platform/subscribe-message';
import { optIn } from '../../lib/subscribe-flow';

/** Marks read in the list already shown, so the dots go without a reload. */
function markRead(data: MessageThreads, ticketId: number | null, messageId?: number): MessageThreads {
  const at = new Date().toISOString();
  return {
    ...data,
    items: data.items.map((th) => {
      if ((th.ticket?.id ?? null) !== ticketId) return th;
      const messages = th.messages.map((m) => (!m.readAt && (messageId === undefined || m.id === messageId) ? { ...m, readAt: at } : m));
      return { ...th, messages, unread: messageId === undefined ? 0 : Math.max(0, th.unread - 1) };
    }),
  };
}

/** 消息 for every role: my notices grouped by ticket; each opens its ticket. */
export default function MessagesPage() {
  const me = useSignedIn();
  const { data, setData, problem, reload } = useScreenData(() => messagesApi.threads(), !!me);
  const [more, setMore] = useState<string | null>(null);

  const open = async (thread: MessageThread) => {
    if (!thread.ticket) return;
    const id = thread.ticket.id;
    if (thread.unread > 0) {
      // Awaited: the home badge refetches when it comes back into view and must see these read.
      await messagesApi.readTicket(id).catch(() => undefined);
      setData((d) => (d ? markRead(d, id) : d));
    }
    void Taro.navigateTo({ url: `/pages/ticket/index?id=${id}` });
  };
  const read = (m: Message, thread: MessageThread) => {
    void messagesApi.readOne(m.id).then(
      () => setData((d) => (d ? markRead(d, thread.ticket?.id ?? null, m.id) : d)),
      (e) => setMore(errorText(e)),
    );
  };
  const readAll = async () => {
    try {
      await messagesApi.readAll();
      await reload();
    } catch (e) {
      setMore(errorText(e));
    }
  };
  const loadMore = async () => {
    if (!data?.nextCursor) return;
    try {
      const next = await messagesApi.threads(data.nextCursor);
      setData({ items: [...data.items, ...next.items], nextCursor: next.nextCursor });
    } catch (e) {
      setMore(errorText(e));
    }
  };
  const subscribe = async () => {
    const answers = await optIn().catch(() => []);
    void Taro.showToast({ title: answers.some((a) => a.decision === 'accept') ? '已开启微信通知' : '未开启', icon: 'none' });
  };

  const unread = data?.items.reduce((n, th) => n + th.unread, 0) ?? 0;
  return (
    <Screen tab="messages">
      <View className="messages__bar">
        <Text className="muted">{unread > 0 ? `${unread} 条未读` : '全部已读'}</Text>
        {unread > 0 && <Text className="link" onClick={() => void readAll()} data-testid="read-all">全部已读</Text>}
      </View>
      {(problem || more) && <View className="error-text">{problem ?? more}</View>}
      {data?.items.map((th) => (
        <MessageThreadCard key={th.ticket?.id ?? 'system'} thread={th} onOpen={(t) => void open(t)} onRead={(m) => read(m, th)} />
      ))}
      {data && data.items.length === 0 && <EmptyState text="暂无消息" />}
      {data?.nextCursor && <View className="muted center" onClick={() => void loadMore()}>加载更多</View>}
      {subscribeAvailable && (
        <View className="card settings">
          <View className="settings__row settings__row--link" onClick={() => void subscribe()} data-testid="subscribe-opt-in">
            <View>
              <Text className="settings__label">微信通知</Text>
              <Text className="settings__hint">报事进展、回访邀请通过微信通知我</Text>
            </View>
            <Text className="muted">›</Text>
          </View>
        </View>
      )}
    </Screen>
  );
}
