import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { noticesApi } from '../../../api/notices.api';
import { EmptyState } from '../../../components/empty-state/empty-state';
import { Screen } from '../../../components/screen/screen';
import { useSignedIn } from '../../../hooks/use-me.hook';
import { useScreenData } from '../../../hooks/use-screen-data.hook';
import { NoticeCard } from '../../components/notice-card';

const TABS = [{ key: 'open', title: '进行中' }, { key: 'overdue', title: '已逾期' }, { key: 'all', title: '全部' }] as const;
type Tab = (typeof TABS)[number]['key'];

function NoticeList({ tab }: { tab: Tab }) {
  const me = useSignedIn();
  const { data, problem } = useScreenData(() => noticesApi.list(tab === 'overdue' ? 'overdue' : undefined), !!me);
  // 进行中: everything still waiting on someone (the API filters one status at a time).
  const items = data?.items.filter((n) => tab !== 'open' || ['issued', 'answered', 'rejected'].includes(n.status)) ?? null;
  return (
    <View>
      {problem && <View className="error-text">{problem}</View>}
      {items?.map((n) => <NoticeCard key={n.id} notice={n} />)}
      {items && items.length === 0 && <EmptyState text="暂无督导通知" />}
    </View>
  );
}

/** 督导整改: issuers see the notices of their street or district; a company sees the ones it received. */
export default function NoticesPage() {
  const me = useSignedIn();
  const [tab, setTab] = useState<Tab>('open');
  const issues = !!me?.roles.some((r) => r === 'supervisor' || r === 'street_staff');
  return (
    <Screen>
      {issues && (
        <Button className="btn btn--block btn--primary" onClick={() => void Taro.navigateTo({ url: '/staff/pages/notice-new/index' })} data-testid="notice-new">
          下发督导通知
        </Button>
      )}
      <View className="tabs">
        {TABS.map((t) => (
          <Text key={t.key} className={`tabs__item ${tab === t.key ? 'tabs__item--on' : ''}`} onClick={() => setTab(t.key)} data-tab={t.key}>
            {t.title}
          </Text>
        ))}
      </View>
      <NoticeList key={tab} tab={tab} />
    </Screen>
  );
}
