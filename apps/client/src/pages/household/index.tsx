import { Text, View } from '@tarojs/components';
import type { HouseholdBinding } from '../../api/api.types';
import { householdsApi } from '../../api/people.api';
import { HouseholdForm } from '../../components/household-form/household-form';
import { Screen } from '../../components/screen/screen';
import { useSignedIn } from '../../hooks/use-me.hook';
import { useScreenData } from '../../hooks/use-screen-data.hook';

const STATUS: Record<HouseholdBinding['status'], string> = { requested: '待社区审核', approved: '已绑定', refused: '未通过' };
const TENURE: Record<HouseholdBinding['tenure'], string> = { owner: '业主', tenant: '租户' };

/** 我的房屋: ask to be bound to a home; the community's answer (and a refusal's reason) shows here and in 消息. */
export default function HouseholdPage() {
  const me = useSignedIn();
  const mine = useScreenData(() => householdsApi.mine(), !!me);
  return (
    <Screen>
      <HouseholdForm onRequested={() => void mine.reload()} />
      {mine.problem && <View className="error-text">{mine.problem}</View>}
      {mine.data?.items.map((b) => (
        <View key={b.id} className="card" data-household={b.id}>
          <View>
            <Text className="person-list__name">{b.compound.name} {b.building.name} {b.unit?.unitNo ?? b.room ?? ''}</Text>
            <Text className="status-chip">{TENURE[b.tenure]}</Text>
          </View>
          <View className={b.status === 'refused' ? 'error-text' : 'muted'}>{STATUS[b.status]}{b.reason ? `：${b.reason}` : ''}</View>
        </View>
      ))}
    </Screen>
  );
}
