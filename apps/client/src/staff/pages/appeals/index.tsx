import { Text, View } from '@tarojs/components';
import type { AppealStatus } from '@red-butler/domain';
import { useState } from 'react';
import { appealsApi } from '../../../api/appeals.api';
import { EmptyState } from '../../../components/empty-state/empty-state';
import { Screen } from '../../../components/screen/screen';
import { useSignedIn } from '../../../hooks/use-me.hook';
import { useScreenData } from '../../../hooks/use-screen-data.hook';
import { AppealDecisionCard } from '../../components/appeal-decision';

const TABS = [{ key: 'pending', title: '待裁定' }, { key: 'all', title: '全部' }] as const;
type Tab = (typeof TABS)[number]['key'];

function AppealList({ status }: { status?: AppealStatus }) {
  const me = useSignedIn();
  const { data, problem, reload } = useScreenData(() => appealsApi.list(status), !!me);
  const items = data?.items ?? null;
  return (
    <View>
      {problem && <View className="error-text">{problem}</View>}
      {items?.map((a) => <AppealDecisionCard key={a.id} appeal={a} onDecided={() => void reload()} />)}
      {items && items.length === 0 && <EmptyState text={status === 'pending' ? '没有待裁定的申诉' : '还没有申诉'} />}
    </View>
  );
}

/**
 * 申诉裁定: street staff and district supervisors decide the pending appeals in their scope;
 * handlers see their own appeals and the outcome here (the API decides who sees what).
 */
export default function AppealsPage() {
  const [tab, setTab] = useState<Tab>('pending');
  return (
    <Screen>
      <View className="tabs">
        {TABS.map((t) => (
          <Text key={t.key} className={`tabs__item ${tab === t.key ? 'tabs__item--on' : ''}`} onClick={() => setTab(t.key)} data-tab={t.key}>
            {t.title}
          </Text>
        ))}
      </View>
      {/* keyed: switching tabs mounts a fresh list, which fetches its own status */}
      <AppealList key={tab} status={tab === 'pending' ? 'pending' : undefined} />
    </Screen>
  );
}
