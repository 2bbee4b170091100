import { Button, Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { PointsRule } from '../../api/api.types';
import { pointsApi } from '../../api/points.api';
import { SelectField } from '../../components/select-field/select-field';
import { useSubmit } from './use-submit.hook';

type RuleKind = PointsRule['kind'];
const KINDS: Array<{ kind: RuleKind; label: string; unit: string }> = [
  { kind: 'activity_hour', label: '参加活动（志愿服务、集体劳动）', unit: '分/小时' },
  { kind: 'report_confirmed', label: '报事经社区确认受理', unit: '分/件' },
  { kind: 'survey_answered', label: '参与回访（不论评价）', unit: '分/次' },
];

/** Where a rule applies: a district (全区, admins only) or one community. */
export interface RuleScope {
  id: number;
  name: string;
  kind: 'district' | 'community';
}

export interface PointsRulesEditorProps {
  /** The scopes the caller may set: community staff their community; admins each district and community. */
  scopes: RuleScope[];
  rules: PointsRule[];
  onSaved: () => void;
}

const scopeLabel = (s: RuleScope) => (s.kind === 'district' ? `全区（${s.name}）` : s.name);

/**
 * 积分规则: points and a daily cap per kind, for the chosen scope. A community's own rules override
 * its district's; an admin picks 全区 or a community, community staff edit their community's.
 */
export function PointsRulesEditor({ scopes, rules, onSaved }: PointsRulesEditorProps) {
  const [scopeId, setScopeId] = useState<number | undefined>(scopes[0]?.id);
  const scope = scopes.find((s) => s.id === scopeId) ?? scopes[0];
  if (!scope) return null;
  return (
    <View className="card rules">
      {scopes.length > 1 && (
        <SelectField label="规则适用范围" testId="rule-scope" options={scopes.map((s) => ({ value: s.id, label: scopeLabel(s) }))} value={scope.id} onChange={setScopeId} />
      )}
      {/* Keyed by scope: the inputs start again from the rules in force there. */}
      <RuleRows key={scope.id} scope={scope} rules={rules} onSaved={onSaved} />
    </View>
  );
}

function RuleRows({ scope, rules, onSaved }: { scope: RuleScope; rules: PointsRule[]; onSaved: () => void }) {
  // A district shows its own rules; a community its own, else the district-wide one it inherits.
  const inForce = (kind: RuleKind) =>
    rules.find((r) => r.kind === kind && r.orgUnitId === scope.id) ??
    (scope.kind === 'community' ? rules.find((r) => r.kind === kind && r.orgUnitKind === 'district') : undefined);
  const [draft, setDraft] = useState<Record<string, { points: string; cap: string }>>(() =>
    Object.fromEntries(KINDS.map(({ kind }) => [kind, { points: String(inForce(kind)?.points ?? 0), cap: String(inForce(kind)?.dailyCap ?? 0) }])),
  );
  const { busy, problem, submit } = useSubmit(onSaved, '规则已保存');
  const set = (kind: RuleKind, field: 'points' | 'cap', value: string) => setDraft((d) => ({ ...d, [kind]: { ...d[kind], [field]: value } }));
  return (
    <View>
      {KINDS.map(({ kind, label, unit }) => {
        const rule = inForce(kind);
        return (
          <View key={kind} className="rules__row" data-rule={kind}>
            <Text>{label}</Text>
            <View className="muted">{rule ? `现行：${rule.points} ${unit}，每日上限 ${rule.dailyCap} 分（${rule.orgUnitName}）` : '未设置，不计分'}</View>
            <Input className="input" type="number" placeholder={`${label}：每次积分`} value={draft[kind].points} onInput={(e) => set(kind, 'points', e.detail.value)} data-testid={`rule-${kind}-points`} />
            <Input className="input" type="number" placeholder={`${label}：每日上限`} value={draft[kind].cap} onInput={(e) => set(kind, 'cap', e.detail.value)} data-testid={`rule-${kind}-cap`} />
            <Button className="btn" size="mini" disabled={busy}
              onClick={() => void submit(() => pointsApi.setRule({ orgUnitId: scope.id, kind, points: Number(draft[kind].points), dailyCap: Number(draft[kind].cap) }))}
              data-testid={`rule-${kind}-save`}>保存</Button>
          </View>
        );
      })}
      {problem && <View className="error-text">{problem}</View>}
    </View>
  );
}
