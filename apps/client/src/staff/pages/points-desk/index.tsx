import { View } from '@tarojs/components';
import { useState } from 'react';
import type { Activity, Compound } from '../../../api/api.types';
import { orgApi } from '../../../api/org.api';
import { pointsApi } from '../../../api/points.api';
import { ActivityCard } from '../../../components/activity-card/activity-card';
import { EmptyState } from '../../../components/empty-state/empty-state';
import { Screen } from '../../../components/screen/screen';
import { ShopItemCard } from '../../../components/shop-item-card/shop-item-card';
import { useSignedIn } from '../../../hooks/use-me.hook';
import { useScreenData } from '../../../hooks/use-screen-data.hook';
import { ActivityCheckIn } from '../../components/activity-checkin';
import { ActivityForm } from '../../components/activity-form';
import { PointsRulesEditor, type RuleScope } from '../../components/points-rules-editor';
import { RedemptionDesk } from '../../components/redemption-desk';
import { ShopItemForm } from '../../components/shop-item-form';

/** An admin's rule scopes: each district (全区), then its communities, from the compounds the admin sees. */
function adminScopes(compounds: Compound[]): RuleScope[] {
  const scopes = new Map<number, RuleScope>();
  for (const c of compounds) if (!scopes.has(c.districtId)) scopes.set(c.districtId, { id: c.districtId, name: c.districtName, kind: 'district' });
  for (const c of compounds) if (!scopes.has(c.communityId)) scopes.set(c.communityId, { id: c.communityId, name: c.communityName, kind: 'community' });
  return [...scopes.values()];
}

/** The community's 积分 desk: rules, activities with sign-ups and 签到, the 爱心屋 and its 核销. */
export default function PointsDeskPage() {
  const me = useSignedIn();
  const community = me?.scopes.find((s) => s.role === 'community_staff' && s.orgUnit?.kind === 'community')?.orgUnit;
  const communityId = community?.id;
  const admin = !!me?.roles.includes('admin');
  const { data, problem, reload } = useScreenData(
    () => Promise.all([pointsApi.rules(), pointsApi.activities(), pointsApi.items(), pointsApi.redemptions(), admin ? orgApi.compounds() : Promise.resolve([] as Compound[])]),
    !!me,
  );
  const [open, setOpen] = useState<Activity | null>(null);
  const show = async (id: number) => setOpen(open?.id === id ? null : await pointsApi.activity(id));
  if (!communityId && !admin) return <Screen><EmptyState text="仅社区工作人员可用" /></Screen>;
  if (!data) return <Screen>{problem ? <View className="error-text">{problem}</View> : <View className="empty">加载中…</View>}</Screen>;
  const [rules, activities, items, redemptions, compounds] = data;
  const scopes: RuleScope[] = admin ? adminScopes(compounds) : [{ id: communityId!, name: community!.name, kind: 'community' }];
  const rulesEditor = <PointsRulesEditor key={rules.items.map((r) => `${r.id}:${r.points}:${r.dailyCap}`).join()} scopes={scopes} rules={rules.items} onSaved={() => void reload()} />;
  // An admin without a community of their own sets rules only; activities and the 爱心屋 belong to a community.
  if (!communityId) return <Screen>{problem && <View className="error-text">{problem}</View>}<View className="page-head">积分规则</View>{rulesEditor}</Screen>;
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
      {rulesEditor}
    </Screen>
  );
}
