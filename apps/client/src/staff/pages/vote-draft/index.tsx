import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { errorText } from '../../../api/api-error';
import { orgApi } from '../../../api/org.api';
import { Screen } from '../../../components/screen/screen';
import type { Option } from '../../../components/select-field/select-field';
import { useSignedIn } from '../../../hooks/use-me.hook';
import { VoteDraftForm } from '../../components/vote-draft-form';

/** 发起表决: a 业委会委员 for their compound, or community staff for a compound of their community. */
export default function VoteDraftPage() {
  const me = useSignedIn();
  const [compounds, setCompounds] = useState<Option<number>[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    if (!me) return;
    // The 业委会's own compound comes with the role; community staff choose among those in scope.
    const own = me.scopes.filter((s) => s.role === 'owners_committee_member' && s.orgUnit).map((s) => ({ value: s.orgUnit!.id, label: s.orgUnit!.name }));
    if (own.length > 0) return setCompounds(own);
    orgApi.compounds().then((list) => setCompounds(list.map((c) => ({ value: c.id, label: c.name }))), (e) => setProblem(errorText(e)));
  }, [me]);
  return (
    <Screen>
      <View className="page-head">发起业主大会表决</View>
      {problem && <View className="error-text">{problem}</View>}
      {compounds && <VoteDraftForm compounds={compounds} onDrafted={(v) => void Taro.redirectTo({ url: `/pages/vote/index?id=${v.id}` })} />}
    </Screen>
  );
}
