import { View } from '@tarojs/components';
import { pointsApi } from '../../../api/points.api';
import { ParticipationTable } from '../../../components/participation-table/participation-table';
import { Screen } from '../../../components/screen/screen';
import { useSignedIn } from '../../../hooks/use-me.hook';
import { useScreenData } from '../../../hooks/use-screen-data.hook';

/** The supervisor's view of 积分: participation per community in their scope, last 30 days. */
export default function ParticipationPage() {
  const me = useSignedIn();
  const { data, problem } = useScreenData(() => pointsApi.participation(), !!me);
  return (
    <Screen>
      <View className="page-head">积分参与情况<View className="muted">近 30 天，按社区</View></View>
      {problem && <View className="error-text">{problem}</View>}
      {data && <ParticipationTable data={data} />}
    </Screen>
  );
}
