import { Text } from '@tarojs/components';

/** The red count on 消息; nothing at all when everything is read. */
export function UnreadBadge({ count }: { count: number }) {
  if (count <= 0) return null;
  return <Text className="unread-badge" data-testid="unread-badge">{count > 99 ? '99+' : String(count)}</Text>;
}
