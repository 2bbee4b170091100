import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { messagesApi } from '../../api/messages.api';
import { UnreadBadge } from '../../components/unread-badge/unread-badge';
import { ticketsApi } from '../../api/tickets.api';
import { OpenTickets } from '../../components/open-tickets/open-tickets';
import { OPEN_STATUSES } from '../../components/open-tickets/next-step.util';
import { SettingsCard } from '../../components/settings-card/settings-card';
import { useScreenData } from '../../hooks/use-screen-data.hook';
import { Screen } from '../../components/screen/screen';
import { useSignedIn } from '../../hooks/use-me.hook';
import { isResidentOnly, workbenchFor } from '../../lib/workbench.util';

/** Home: the screens of each of the user's roles, the 长辈模式 switch, and sign-out. */
export default function HomePage() {
  const me = useSignedIn();
  // Refetched each time home comes back into view, so the badge clears after reading.
  const unread = useScreenData(() => messagesApi.unread(), !!me).data?.total ?? 0;
  const resident = !!me && isResidentOnly(me.roles);
  const open = useScreenData(() => ticketsApi.list({ status: OPEN_STATUSES, limit: 5 }), resident).data;
  if (!me) return <Screen tab="home"><View className="empty">加载中…</View></Screen>;
  const entries = workbenchFor(me.roles, me.scopes);
  const scopes = me.scopes.map((s) => `${s.roleLabel}${s.orgUnit ? ` · ${s.orgUnit.name}` : ''}${s.organization ? ` · ${s.organization.name}` : ''}`);
  return (
    <Screen className="home" tab="home">
      <View className="home__hello">
        <Text className="home__name">{me.displayName}，您好</Text>
        {scopes.map((s) => (
          <Text className="home__scope" key={s}>{s}</Text>
        ))}
        {me.compound && <Text className="home__scope">我的小区：{me.compound.name}{me.building ? ` ${me.building.name}` : ''}</Text>}
      </View>
      {resident && open && <OpenTickets items={open.items} />}
      <View className="workbench">
        {/* 消息 is every role's: not in the per-role workbench list. */}
        <View className="workbench__item" data-entry="messages" onClick={() => void Taro.navigateTo({ url: '/pages/messages/index' })}>
          <Text className="workbench__icon">🔔</Text>
          <View className="workbench__text">
            <Text className="workbench__title">消息</Text>
            <Text className="workbench__hint">工单进展、派单、督办、回访通知</Text>
          </View>
          <UnreadBadge count={unread} />
        </View>
        {entries.map((e) => (
          <View key={e.key} className="workbench__item" data-entry={e.key} onClick={() => void Taro.navigateTo({ url: e.url })}>
            <Text className="workbench__icon">{e.icon}</Text>
            <View className="workbench__text">
              <Text className="workbench__title">{e.title}</Text>
              <Text className="workbench__hint">{e.hint}</Text>
            </View>
          </View>
        ))}
      </View>
      <SettingsCard />
    </Screen>
  );
}
