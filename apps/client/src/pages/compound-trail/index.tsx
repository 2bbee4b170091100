import { View } from '@tarojs/components';
import { noticesApi } from '../../api/notices.api';
import { Screen } from '../../components/screen/screen';
import { useSignedIn } from '../../hooks/use-me.hook';
import { useScreenData } from '../../hooks/use-screen-data.hook';
import { TrailList } from '../../components/trail-list/trail-list';

/** 物业督导公示: residents read what was asked of their compound's company and what followed. */
export default function CompoundTrailPage() {
  const me = useSignedIn();
  const compoundId = me?.compound?.id;
  const { data, problem } = useScreenData(() => noticesApi.compoundTrail(compoundId as number), !!compoundId);
  if (me && !compoundId) return <Screen><View className="empty">请先在个人信息中绑定所住小区</View></Screen>;
  if (problem) return <Screen><View className="error-text">{problem}</View></Screen>;
  if (!data) return <Screen><View className="empty">加载中…</View></Screen>;
  return (
    <Screen>
      <View className="page-head">{data.compound.name} · 物业督导整改情况</View>
      <TrailList entries={data.entries} />
    </Screen>
  );
}
