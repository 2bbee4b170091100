import { Text, View } from '@tarojs/components';
import type { VoteResult as Result } from '../../api/api.types';

/**
 * The frozen result as the API computed it (exact areas as strings, heads as counts): the quorum
 * line, each option's area and heads, and the outcome. Nothing here recomputes the law.
 */
export function VoteResult({ result }: { result: Result }) {
  const rule = result.threshold === 'three_quarters' ? '四分之三以上' : '过半数';
  const adopted = result.adoptedOption === null ? null : result.options[result.adoptedOption];
  return (
    <View className="card vote-result" data-testid="vote-result">
      <View className="detail__section-title">表决结果</View>
      <View className="muted">专有部分总面积 {result.total.areaM2} ㎡ · 业主 {result.total.heads} 人（{result.total.units} 户）</View>
      <View className="muted">参与表决 {result.participated.areaM2} ㎡ · {result.participated.heads} 人（{result.participated.units} 户）</View>
      <View className={result.quorum ? 'vote-result__ok' : 'error-text'}>
        {result.quorum ? '参与面积和人数均达到三分之二以上' : '参与面积或人数未达到三分之二，表决不成立'}
      </View>
      {result.options.map((o) => (
        <View key={o.option} className="vote-result__row" data-option={o.option}>
          <Text className="vote-result__label">{o.label}</Text>
          <Text className="muted">{o.areaM2} ㎡ · {o.heads} 人</Text>
        </View>
      ))}
      <View className="vote-result__outcome" data-testid="vote-outcome">
        {adopted ? `“${adopted.label}”获得参与表决面积和人数${rule}同意，形成决定` : `没有选项获得参与表决面积和人数${rule}同意，未形成决定`}
      </View>
    </View>
  );
}
