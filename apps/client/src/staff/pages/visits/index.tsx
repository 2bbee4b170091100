import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { VisitTask } from '../../../api/api.types';
import { supervisionApi } from '../../../api/supervision.api';
import { CallButton } from '../../../components/call-button/call-button';
import { EmptyState } from '../../../components/empty-state/empty-state';
import { Screen } from '../../../components/screen/screen';
import { useSignedIn } from '../../../hooks/use-me.hook';
import { useScreenData } from '../../../hooks/use-screen-data.hook';
import { formatTime } from '../../../lib/format.util';

/** Residents who did not rate in the app: call them and record the answer, soonest due first. */
export default function VisitsPage() {
  const me = useSignedIn();
  const { data: tasks, problem } = useScreenData<VisitTask[]>(() => supervisionApi.visits(), !!me);

  return (
    <Screen>
      <View className="page-head">待回访 {tasks ? `${tasks.length} 件` : ''}<View className="muted">居民未在小程序评价的办结工单</View></View>
      {problem && <View className="error-text">{problem}</View>}
      {tasks?.map((t) => (
        <View key={t.id} className="card ticket-card" data-visit-ticket={t.ticketId} onClick={() => void Taro.navigateTo({ url: `/pages/ticket/index?id=${t.ticketId}` })}>
          <View className="ticket-card__head">
            <Text className="ticket-card__title">{t.category}</Text>
            <Text className="chip chip--resolved">{t.attempts ? `已拨打${t.attempts}次` : '待回访'}</Text>
          </View>
          <View className="ticket-card__desc">{t.reporter.displayName} <CallButton phone={t.reporter.phone} /></View>
          <View className="ticket-card__meta">
            <Text>{t.compound} · {t.no}</Text>
            <Text>{formatTime(t.dueAt)} 前</Text>
          </View>
        </View>
      ))}
      {tasks && tasks.length === 0 && <EmptyState text="没有待回访的工单" />}
    </Screen>
  );
}
