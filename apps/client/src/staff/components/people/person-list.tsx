import { Text, View } from '@tarojs/components';
import type { UserSummary } from '../../../api/api.types';
import { EmptyState } from '../../../components/empty-state/empty-state';
import { scopeText } from './scope-options.util';

/** 人员列表: name, account, roles; a deactivated account is marked. */
export function PersonList({ people, onOpen }: { people: UserSummary[]; onOpen: (id: number) => void }) {
  if (people.length === 0) return <EmptyState text="没有符合条件的人员" />;
  return (
    <View className="person-list">
      {people.map((p) => (
        <View key={p.id} className="card person-list__item" data-person={p.id} onClick={() => onOpen(p.id)}>
          <View>
            <Text className="person-list__name">{p.displayName}</Text>
            {!p.active && <Text className="status-chip status-chip--closed">已停用</Text>}
            <Text className="muted"> {p.username ?? '微信用户'}</Text>
          </View>
          <View className="muted">{p.roles.map(scopeText).join('；') || '无角色'}</View>
        </View>
      ))}
    </View>
  );
}
