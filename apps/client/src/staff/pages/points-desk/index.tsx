import { View } from '@tarojs/components';
import { useState } from 'react';
import type { Activity } from '../../../api/api.types';
import { pointsApi } from '../../../api/points.api';
import { ActivityCard } from '../../../components/activity-card/activity-card';
import { EmptyState } from '../../../components/empty-state/empty-state';
import { Screen } from '../../../components/screen/screen';
import { ShopItemCard } from '../../../components/shop-item-card/shop-item-card';
import { useSignedIn } from '../../../hooks/use-me.hook';
import { useScreenData } from '../../../hooks/use-screen-data.hook';
import { ActivityCheckIn } from '../../components/activity-checkin';
import { ActivityForm } from '../../components/activity-form';
import { PointsRulesEditor } from '../../components/points-rules-editor';
import { RedemptionDesk } from '../../components/redemption-desk';
import { ShopItemForm } from '../../components/shop-item-form';

/** The community's 积分 desk: rules, activities with sign-ups and 签到, the 爱心屋 and its 核销. */
export default function PointsDeskPage() {
  const me = useSignedIn();
  const communityId = me?.scopes.find((s) => s.role === 'community_staff' && s.orgUnit?.kind === 'community')?.orgUnit?.id;
  const { data, problem, reload } = useScreenData(
    () => Promise.all([pointsApi.rules(), pointsApi.activities(), pointsApi.items(), pointsApi.redemptions()]),
    !!me,
  );
  const [open, setOpen] = useState<Activity | null>(null);
  const show = async (id: number) => setOpen(open?.id === id ? null : await pointsApi.activity(id));
  if (!communityId) return <Screen><EmptyState text="仅社区工作人员可用" /></Screen>;
  if (!data) return <Screen>{problem ? <View className="error-text">{problem}</View> : <View className="empty">加载中…</View>}</Screen>;
  const [rules, activities, items, redemptions] = data;
  return (
    <Screen>
      {problem && <View className="error-text">{problem}</View>}
      <View className="page-head">待核销</View>
      <RedemptionDesk redemptions={redemptions.items} onChanged={() => void reload()} />
      <View className="page-head">社区活动</View>
      <ActivityForm communityId={communityId} onPublished={() => void reload()} />
      {activities.items.map((a) => (
        <View key={a.id}>
          <ActivityCard activity={a} onOpen={() => void show(a.id)} />
          {open?.id === a.id && <ActivityCheckIn activity={open} onChanged={(x) => { setOpen(x); void reload(); }} />}
        </View>
      ))}
      <View className="page-head">爱心屋</View>
      <ShopItemForm communityId={communityId} onAdded={() => void reload()} />
      {items.items.map((i) => <ShopItemCard key={i.id} item={i} />)}
      <View className="page-head">积分规则</View>
      <PointsRulesEditor key={rules.items.map((r) => `${r.id}:${r.points}:${r.dailyCap}`).join()} communityId={communityId} rules={rules.items} onSaved={() => void reload()} />
    </Screen>
  );
}
