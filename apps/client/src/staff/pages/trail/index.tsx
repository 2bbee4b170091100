import { View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { noticesApi } from '../../../api/notices.api';
import { Screen } from '../../../components/screen/screen';
import { useSignedIn } from '../../../hooks/use-me.hook';
import { useScreenData } from '../../../hooks/use-screen-data.hook';
import { TrailList } from '../../../components/trail-list/trail-list';

/** A company's full 整改档案: every notice, answer, verdict, 逾期, 督办, 降级 and 清退, in order. */
export default function TrailPage() {
  const me = useSignedIn();
  const companyId = Number(useRouter().params.companyId);
  const { data, problem } = useScreenData(() => noticesApi.companyTrail(companyId), !!me);
  if (problem) return <Screen><View className="error-text">{problem}</View></Screen>;
  if (!data) return <Screen><View className="empty">加载中…</View></Screen>;
  return (
    <Screen>
      <View className="page-head">{data.company.name} · 整改档案</View>
      <TrailList entries={data.entries} />
    </Screen>
  );
}
