import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Screen } from '../../components/screen/screen';
import { SettingsCard } from '../../components/settings-card/settings-card';
import { useSignedIn } from '../../hooks/use-me.hook';
import { filesForOthers, isResidentOnly } from '../../lib/workbench.util';

/** 我的: who I am, my reports, 长辈模式 and sign-out. */
export default function MinePage() {
  const me = useSignedIn();
  if (!me) return <Screen tab="mine"><View className="empty">加载中…</View></Screen>;
  const reports = isResidentOnly(me.roles) || filesForOthers(me.roles);
  return (
    <Screen tab="mine">
      <View className="home__hello">
        <Text className="home__name">{me.displayName}</Text>
        {me.scopes.map((s) => (
          <Text className="home__scope" key={`${s.role}-${s.orgUnit?.id ?? ''}-${s.organization?.id ?? ''}`}>{s.roleLabel}</Text>
        ))}
      </View>
      {reports && (
        <View className="workbench__item" data-entry="mine" onClick={() => void Taro.navigateTo({ url: '/pages/tickets/index' })}>
          <Text className="workbench__icon" aria-hidden>📄</Text>
          <View className="workbench__text">
            <Text className="workbench__title">我的工单</Text>
            <Text className="workbench__hint">查看进度、评价办理结果</Text>
          </View>
        </View>
      )}
      <View className="workbench__item" data-entry="messages" onClick={() => void Taro.navigateTo({ url: '/pages/messages/index' })}>
        <Text className="workbench__icon" aria-hidden>🔔</Text>
        <View className="workbench__text">
          <Text className="workbench__title">消息</Text>
          <Text className="workbench__hint">工单进展、回访通知</Text>
        </View>
      </View>
      <SettingsCard />
    </Screen>
  );
}
