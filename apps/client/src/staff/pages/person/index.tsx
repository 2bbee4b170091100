import { View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { peopleApi } from '../../../api/people.api';
import { Screen } from '../../../components/screen/screen';
import { useSignedIn } from '../../../hooks/use-me.hook';
import { useScreenData } from '../../../hooks/use-screen-data.hook';
import { PersonDetail } from '../../components/people/person-detail';

/** 人员详情: roles, 停用, 重置密码. */
export default function PersonPage() {
  const me = useSignedIn();
  const id = Number(useRouter().params.id);
  const { data, problem } = useScreenData(() => peopleApi.get(id), !!me);
  if (problem) return <Screen><View className="error-text">{problem}</View></Screen>;
  if (!data) return <Screen><View className="empty">加载中…</View></Screen>;
  return (
    <Screen>
      <PersonDetail key={data.id} user={data} />
    </Screen>
  );
}
