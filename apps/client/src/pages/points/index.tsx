import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { errorText } from '../../api/api-error';
import type { ActivitySummary, ShopItem } from '../../api/api.types';
import { pointsApi } from '../../api/points.api';
import { ActivityCard } from '../../components/activity-card/activity-card';
import { EmptyState } from '../../components/empty-state/empty-state';
import { PointsLedger } from '../../components/points-ledger/points-ledger';
import { Screen } from '../../components/screen/screen';
import { ShopItemCard } from '../../components/shop-item-card/shop-item-card';
import { useSignedIn } from '../../hooks/use-me.hook';
import { useScreenData } from '../../hooks/use-screen-data.hook';

const REDEMPTION_LABEL = { pending: '待领取', handed_over: '已领取', cancelled: '已取消' } as const;

/** A resident's 积分: balance and history, the community's activities to sign up for, and the 爱心屋. */
export default function PointsPage() {
  const me = useSignedIn();
  const { data, problem, reload } = useScreenData(
    () => Promise.all([pointsApi.mine(), pointsApi.activities(), pointsApi.items(), pointsApi.redemptions()]),
    !!me,
  );
  const [busy, setBusy] = useState(false);
  const act = async (run: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await run();
      void Taro.showToast({ title: done, icon: 'success' });
    } catch (error) {
      // 409s (sold out, balance short, full) come back as Chinese text; the reload shows the new state.
      void Taro.showToast({ title: errorText(error), icon: 'none' });
    } finally {
      setBusy(false);
      await reload();
    }
  };
  const redeem = (item: ShopItem) => act(() => pointsApi.redeem(item.id), '兑换成功，请到社区领取');
  const signUp = (a: ActivitySummary) => act(() => pointsApi.signUp(a.id), '报名成功');
  if (!data) return <Screen>{problem ? <View className="error-text">{problem}</View> : <View className="empty">加载中…</View>}</Screen>;
  const [mine, activities, items, redemptions] = data;
  return (
    <Screen>
      {problem && <View className="error-text">{problem}</View>}
      <PointsLedger balance={mine.balance} entries={mine.entries.slice(0, 20)} />
      <View className="page-head">社区活动</View>
      {activities.items.map((a) => <ActivityCard key={a.id} activity={a} onSignUp={(x) => void signUp(x)} />)}
      {activities.items.length === 0 && <EmptyState text="社区暂无活动" />}
      <View className="page-head">爱心屋</View>
      {items.items.map((i) => <ShopItemCard key={i.id} item={i} balance={mine.balance} busy={busy} onRedeem={(x) => void redeem(x)} />)}
      {items.items.length === 0 && <EmptyState text="爱心屋暂无物品" />}
      {redemptions.items.length > 0 && <View className="page-head">我的兑换</View>}
      {redemptions.items.map((r) => (
        <View key={r.id} className="card" data-redemption={r.id}>
          <View className="ticket-card__head">
            <Text className="ticket-card__title">{r.itemName}</Text>
            <Text className="chip">{REDEMPTION_LABEL[r.status]}</Text>
          </View>
          <View className="muted">{r.price} 分</View>
          {r.status === 'pending' && (
            <Button className="btn btn--block" disabled={busy} onClick={() => void act(() => pointsApi.cancel(r.id), '已取消，积分已退回')}>取消兑换</Button>
          )}
        </View>
      ))}
    </Screen>
  );
}
