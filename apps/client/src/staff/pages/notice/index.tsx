import { View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { noticesApi } from '../../../api/notices.api';
import { Screen } from '../../../components/screen/screen';
import { ScreenProblem } from '../../../components/not-found/screen-problem';
import { useSignedIn } from '../../../hooks/use-me.hook';
import { useScreenData } from '../../../hooks/use-screen-data.hook';
import { NoticeDetail } from '../../components/notice-detail';

/** One 督导通知: the company answers here, the issuer verifies and records a 降级. */
export default function NoticePage() {
  const me = useSignedIn();
  const id = Number(useRouter().params.id);
  const { data, setData, problem } = useScreenData(() => noticesApi.detail(id), !!me);
  if (problem) return <Screen><ScreenProblem text={problem} /></Screen>;
  if (!data || !me) return <Screen><View className="empty">加载中…</View></Screen>;
  const issuerDesk = me.roles.some((r) => r === 'supervisor' || r === 'street_staff');
  const canExit = me.roles.includes('supervisor');
  return (
    <Screen>
      <NoticeDetail notice={data} issuerDesk={issuerDesk} canExit={canExit} onChange={setData} />
    </Screen>
  );
}
