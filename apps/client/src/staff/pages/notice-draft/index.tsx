import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { Screen } from '../../../components/screen/screen';
import { useSignedIn } from '../../../hooks/use-me.hook';
import { NoticeDraftForm } from '../../components/notice-draft-form';

/** The month a notice usually covers: the one before today (Shanghai). */
function lastMonth(now: Date): string {
  const local = new Date(now.getTime() + 8 * 3600_000);
  const d = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() - 1, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** 业委会: draft a 公示栏 notice (or a correction); it goes to community review. */
export default function NoticeDraftPage() {
  const me = useSignedIn();
  const params = useRouter().params;
  const compoundId = Number(params.compoundId);
  const correctsId = params.correctsId ? Number(params.correctsId) : undefined;
  return (
    <Screen>
      <View className="page-head">{correctsId ? '更正公示' : '发布公示'}</View>
      {me && compoundId > 0 && (
        <NoticeDraftForm compoundId={compoundId} month={lastMonth(new Date())} correctsId={correctsId} onDrafted={() => void Taro.navigateBack()} />
      )}
    </Screen>
  );
}
