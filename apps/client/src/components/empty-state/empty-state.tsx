import { View } from '@tarojs/components';

export function EmptyState({ text }: { text: string }) {
  return <View className="empty">{text}</View>;
}
