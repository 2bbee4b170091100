import { View } from '@tarojs/components';
import { disclosuresApi } from '../../../api/disclosures.api';
import { EmptyState } from '../../../components/empty-state/empty-state';
import { Screen } from '../../../components/screen/screen';
import { useSignedIn } from '../../../hooks/use-me.hook';
import { useScreenData } from '../../../hooks/use-screen-data.hook';
import { ReviewCard } from '../../components/review-card';

/** 社区审核: 五公开 versions submitted by companies and 业委会 公示 drafts of the community's compounds. */
export default function DisclosureReviewsPage() {
  const me = useSignedIn();
  const { data, problem, reload } = useScreenData(() => disclosuresApi.reviews(), !!me);
  return (
    <Screen>
      <View className="page-head">五公开、公示栏审核</View>
      {problem && <View className="error-text">{problem}</View>}
      {data && data.disclosures.length + data.notices.length === 0 && <EmptyState text="没有待审核的内容" />}
      {data?.disclosures.map((d) => <ReviewCard key={`d${d.id}`} review={{ kind: 'disclosure', item: d }} onDone={() => void reload()} />)}
      {data?.notices.map((n) => <ReviewCard key={`n${n.id}`} review={{ kind: 'notice', item: n }} onDone={() => void reload()} />)}
    </Screen>
  );
}
