import { View } from '@tarojs/components';
import { disclosuresApi } from '../../../api/disclosures.api';
import { Screen } from '../../../components/screen/screen';
import { useSignedIn } from '../../../hooks/use-me.hook';
import { useScreenData } from '../../../hooks/use-screen-data.hook';
import { DisclosureFlags } from '../../components/disclosure-flags';

/**
 * 五公开督查: compounds in scope flagged when the serving company's 五公开 is missing or its public
 * version is over a year old. A property manager sees the compounds it serves and opens one to edit.
 */
export default function DisclosureBoardPage() {
  const me = useSignedIn();
  const { data, problem } = useScreenData(() => disclosuresApi.board(), !!me);
  return (
    <Screen>
      <View className="page-head">五公开督查</View>
      {problem && <View className="error-text">{problem}</View>}
      {data && <DisclosureFlags board={data} editable={!!me?.roles.includes('property_manager')} />}
    </Screen>
  );
}
