import { View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { errorText } from '../../../api/api-error';
import { orgApi } from '../../../api/org.api';
import { householdsApi } from '../../../api/people.api';
import { Screen } from '../../../components/screen/screen';
import { SelectField, type Option } from '../../../components/select-field/select-field';
import { useSignedIn } from '../../../hooks/use-me.hook';
import { useScreenData } from '../../../hooks/use-screen-data.hook';
import { HouseholdRequests } from '../../components/people/household-requests';

/** 居民绑定申请 (community staff): the waiting requests of a compound of the community. */
export default function HouseholdsPage() {
  const me = useSignedIn();
  const [compounds, setCompounds] = useState<Option<number>[]>([]);
  const [compoundId, setCompoundId] = useState<number>();
  const [problem, setProblem] = useState<string | null>(null);
  const requests = useScreenData(() => householdsApi.pending(compoundId as number), compoundId !== undefined);
  useEffect(() => {
    if (me) orgApi.compounds().then((list) => setCompounds(list.map((c) => ({ value: c.id, label: c.name }))), (e) => setProblem(errorText(e)));
  }, [me]);
  useEffect(() => {
    if (compoundId !== undefined) void requests.reload();
  }, [compoundId]);
  return (
    <Screen>
      <SelectField label="小区" testId="households-compound" options={compounds} value={compoundId} onChange={setCompoundId} />
      {(problem || requests.problem) && <View className="error-text">{problem ?? requests.problem}</View>}
      {requests.data && <HouseholdRequests requests={requests.data.items} onDecided={() => void requests.reload()} />}
    </Screen>
  );
}
