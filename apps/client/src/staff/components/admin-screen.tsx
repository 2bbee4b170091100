import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { EmptyState } from '../../components/empty-state/empty-state';
import { Screen } from '../../components/screen/screen';
import { useSignedIn } from '../../hooks/use-me.hook';
import { useScreenData } from '../../hooks/use-screen-data.hook';

/** An admin settings screen: loads its data once the caller is known to be an admin, else says who may use it. */
export function AdminScreen<T>({ load, title, children }: { load: () => Promise<T>; title: string; children: (data: T, reload: () => void) => ReactNode }) {
  const me = useSignedIn();
  const admin = !!me?.roles.includes('admin');
  const { data, problem, reload } = useScreenData(load, admin);
  if (me && !admin) return <Screen><EmptyState text="仅系统管理员可用" /></Screen>;
  return (
    <Screen>
      <View className="page-head">{title}</View>
      {problem && <View className="error-text">{problem}</View>}
      {data ? children(data, () => void reload()) : !problem && <View className="empty">加载中…</View>}
    </Screen>
  );
}
