import { Button, Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { PointsRule } from '../../api/api.types';
import { pointsApi } from '../../api/points.api';
import { useSubmit } from './use-submit.hook';

type RuleKind = PointsRule['kind'];
const KINDS: Array<{ kind: RuleKind; label: string; unit: string }> = [
  { kind: 'activity_hour', label: '参加活动（志愿服务、集体劳动）', unit: '分/小时' },
  { kind: 'report_confirmed', label: '报事经社区确认受理', unit: '分/件' },
  { kind: 'survey_answered', label: '参与回访（不论评价）', unit: '分/次' },
];

/** 积分规则: the community's own rules (they override the district's), points and a daily cap each. */
export function PointsRulesEditor({ communityId, rules, onSaved }: { communityId: number; rules: PointsRule[]; onSaved: () => void }) {
  const inForce = (kind: RuleKind) => rules.find((r) => r.kind === kind && r.orgUnitId === communityId) ?? rules.find((r) => r.kind === kind);
  const [draft, setDraft] = useState<Record<string, { points: string; cap: string }>>(() =>
    Object.fromEntries(KINDS.map(({ kind }) => [kind, { points: String(inForce(kind)?.points ?? 0), cap: String(inForce(kind)?.dailyCap ?? 0) }])),
  );
  const { busy, problem, submit } = useSubmit(onSaved, '规则已保存');
  const set = (kind: RuleKind, field: 'points' | 'cap', value: string) => setDraft((d) => ({ ...d, [kind]: { ...d[kind], [field]: value } }));
  return (
    <View className="card rules">
      {KINDS.map(({ kind, label, unit }) => {
        const rule = inForce(kind);
        return (
          <View key={kind} className="rules__row" data-rule={kind}>
            <Text>{label}</Text>
            <View className="muted">{rule ? `现行：${rule.points} ${unit}，每日上限 ${rule.dailyCap} 分（${rule.orgUnitName}）` : '未设置，不计分'}</View>
            <Input className="input" type="number" value={draft[kind].points} onInput={(e) => set(kind, 'points', e.detail.value)} data-testid={`rule-${kind}-points`} />
            <Input className="input" type="number" value={draft[kind].cap} onInput={(e) => set(kind, 'cap', e.detail.value)} data-testid={`rule-${kind}-cap`} />
            <Button className="btn" size="mini" disabled={busy}
              onClick={() => void submit(() => pointsApi.setRule({ orgUnitId: communityId, kind, points: Number(draft[kind].points), dailyCap: Number(draft[kind].cap) }))}
              data-testid={`rule-${kind}-save`}>保存</Button>
          </View>
        );
      })}
      {problem && <View className="error-text">{problem}</View>}
    </View>
  );
}
