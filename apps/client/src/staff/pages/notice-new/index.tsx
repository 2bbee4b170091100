import Taro from '@tarojs/taro';
import { Screen } from '../../../components/screen/screen';
import { useSignedIn } from '../../../hooks/use-me.hook';
import { NoticeIssueForm } from '../../components/notice-issue-form';

/** 下发督导通知 (supervisors for the district, street staff for their street); opens the new notice. */
export default function NoticeNewPage() {
  useSignedIn();
  return (
    <Screen>
      <NoticeIssueForm onDone={(n) => void Taro.redirectTo({ url: `/staff/pages/notice/index?id=${n.id}` })} />
    </Screen>
  );
}
