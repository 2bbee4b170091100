import { View } from '@tarojs/components';
import { onBehalfChannels } from '@red-butler/domain';
import Taro, { useRouter } from '@tarojs/taro';
import { askAfterReport } from '../../lib/subscribe-flow';
import { useEffect, useState } from 'react';
import { errorText } from '../../api/api-error';
import type { Category, Compound } from '../../api/api.types';
import { orgApi } from '../../api/org.api';
import { ReportForm } from '../../components/report-form/report-form';
import { Screen } from '../../components/screen/screen';
import { useSignedIn } from '../../hooks/use-me.hook';
import { filesForOthers } from '../../lib/workbench.util';

/** The report form's reference lists as last loaded, for a visit without a network. */
const REFS_KEY = 'rb.reportRefs';

export default function ReportPage() {
  const me = useSignedIn();
  const router = useRouter();
  const [refs, setRefs] = useState<{ categories: Category[]; compounds: Compound[] } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const onBehalf = router.params.onBehalf === '1' && !!me && filesForOthers(me.roles);

  useEffect(() => {
    if (onBehalf) void Taro.setNavigationBarTitle({ title: '代居民报事' });
  }, [onBehalf]);

  useEffect(() => {
    if (!me) return;
    Promise.all([orgApi.categories(), orgApi.compounds()]).then(
      ([categories, compounds]) => {
        setRefs({ categories, compounds });
        void Taro.setStorage({ key: REFS_KEY, data: { userId: me.id, categories, compounds } });
      },
      (e) => {
        // Offline (a basement, a lift): the lists kept from the last visit let the resident write
        // the report now; it waits as a draft until it can be sent.
        const kept = Taro.getStorageSync(REFS_KEY) as { userId?: number; categories?: Category[]; compounds?: Compound[] } | '';
        if (kept && kept.userId === me.id && kept.categories && kept.compounds) setRefs({ categories: kept.categories, compounds: kept.compounds });
        else setProblem(errorText(e));
      },
    );
  }, [me]);

  if (problem) return <Screen><View className="error-text">{problem}</View></Screen>;
  if (!me || !refs) return <Screen><View className="empty">加载中…</View></Screen>;
  return (
    <Screen tab={onBehalf ? undefined : 'report'}>
      <ReportForm
        categories={refs.categories}
        compounds={refs.compounds}
        homeCompoundId={me.compound?.id}
        homeBuildingId={me.building?.id}
        onBehalf={onBehalf}
        channels={onBehalf ? onBehalfChannels(me.roles) : []}
        onCreated={async (created) => {
          void Taro.showToast({ title: '报事成功', icon: 'success' });
          // Mini-program only (H5 has no subscribe messages); asked once here, never after a refusal.
          if (!onBehalf) await askAfterReport();
          void Taro.redirectTo({ url: `/pages/ticket/index?id=${created.id}` });
        }}
      />
    </Screen>
  );
}
