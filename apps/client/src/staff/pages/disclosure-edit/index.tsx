import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { DISCLOSURE_STATUS_LABELS } from '@red-butler/domain';
import { disclosuresApi } from '../../../api/disclosures.api';
import { Screen } from '../../../components/screen/screen';
import { useSignedIn } from '../../../hooks/use-me.hook';
import { useScreenData } from '../../../hooks/use-screen-data.hook';
import { formatTime } from '../../../lib/format.util';
import { DisclosureForm } from '../../components/disclosure-form';

/** The manager's 五公开 of one compound: continue the open draft or start a new version, and every version so far. */
export default function DisclosureEditPage() {
  const me = useSignedIn();
  const compoundId = Number(useRouter().params.compoundId);
  const { data, problem } = useScreenData(() => disclosuresApi.versions(compoundId), !!me && compoundId > 0);
  const pending = data?.items.find((v) => v.status === 'pending_review');
  const draft = data?.items.find((v) => v.status === 'draft') ?? null;
  const base = data?.items.find((v) => v.status === 'approved') ?? data?.items[0] ?? null;
  return (
    <Screen>
      <View className="page-head">五公开{data ? ` · ${data.compound.name}` : ''}</View>
      {problem && <View className="error-text">{problem}</View>}
      {pending && <View className="muted" data-testid="pending">第{pending.version}版已提交，等待社区审核</View>}
      {data && !pending && <DisclosureForm compoundId={compoundId} draft={draft} base={base} onDone={() => void Taro.navigateBack()} />}
      {data?.items.map((v) => (
        <View key={v.id} className="muted" data-version={v.version}>
          第{v.version}版 · {DISCLOSURE_STATUS_LABELS[v.status]} · {v.drafted.by.displayName} {formatTime(v.drafted.at)}
          {v.reviewed ? ` · ${v.reviewed.by.displayName} ${formatTime(v.reviewed.at)}审核${v.reviewed.note ? `：${v.reviewed.note}` : ''}` : ''}
        </View>
      ))}
    </Screen>
  );
}
