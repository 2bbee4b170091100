import { Button, Input, Text, View } from '@tarojs/components';
import { PRIORITIES, PRIORITY_LABELS, SLA_CLOCKS, type Priority } from '@red-butler/domain';
import { useState } from 'react';
import { adminApi } from '../../api/admin.api';
import type { AdminCategory, SlaPolicy } from '../../api/api.types';
import { CLOCK_LABELS, draftOf, durationText, policyOf, policyProblems, POLICY_FIELDS, type PolicyDraft } from './sla-policy.util';
import { useSubmit } from './use-submit.hook';

export interface SlaPolicyEditorProps {
  categories: AdminCategory[];
  policies: SlaPolicy[];
  onSaved: () => void;
}

/** The policy that applies today when a category × priority has none of its own (the API's fallback). */
const FALLBACK: Record<Priority, Omit<SlaPolicy, 'id' | 'categoryId' | 'priority'>> = {
  emergency: { clock: 'clock', dispatchMinutes: 15, acceptMinutes: 30, resolveMinutes: 120, surveyMinutes: 4320, visitMinutes: 10080, warnRatio: 0.8, escalationMinutes: 30, maxPauseMinutes: 1440 },
  urgent: { clock: 'working', dispatchMinutes: 60, acceptMinutes: 120, resolveMinutes: 480, surveyMinutes: 4320, visitMinutes: 10080, warnRatio: 0.8, escalationMinutes: 120, maxPauseMinutes: 4320 },
  normal: { clock: 'working', dispatchMinutes: 240, acceptMinutes: 480, resolveMinutes: 1440, surveyMinutes: 4320, visitMinutes: 10080, warnRatio: 0.8, escalationMinutes: 480, maxPauseMinutes: 7200 },
};

/**
 * 时限策略: per category × priority, how long each party has (派单, 接单, 办结, 督办…), on working or
 * clock time. A change applies to clocks started from now on, in every process at once.
 */
export function SlaPolicyEditor({ categories, policies, onSaved }: SlaPolicyEditorProps) {
  const [open, setOpen] = useState<string | null>(null);
  return (
    <View>
      {categories.map((c) => (
        <View key={c.id} className="card" data-category={c.id}>
          <View className="section-title">{c.name}{c.active ? '' : '（已停用）'}</View>
          {PRIORITIES.map((priority) => {
            const own = policies.find((p) => p.categoryId === c.id && p.priority === priority);
            const shown = own ?? FALLBACK[priority];
            const key = `${c.id}:${priority}`;
            return (
              <View key={priority} className="policy-row" data-policy={key}>
                <View onClick={() => setOpen(open === key ? null : key)} data-testid={`policy-${key}`}>
                  <Text>{PRIORITY_LABELS[priority]}</Text>
                  <Text className="muted">
                    {' '}派单 {durationText(shown.dispatchMinutes, shown.clock)} · 接单 {durationText(shown.acceptMinutes, shown.clock)} · 办结 {durationText(shown.resolveMinutes, shown.clock)}
                    {own ? '' : '（默认）'}
                  </Text>
                </View>
                {open === key && (
                  <PolicyForm key={own?.updatedAt ?? 'default'} categoryId={c.id} priority={priority} start={draftOf(shown)} onSaved={() => { setOpen(null); onSaved(); }} />
                )}
              </View>
            );
          })}
        </View>
      ))}
    </View>
  );
}

function PolicyForm({ categoryId, priority, start, onSaved }: { categoryId: number; priority: Priority; start: PolicyDraft; onSaved: () => void }) {
  const [draft, setDraft] = useState(start);
  const [tried, setTried] = useState(false);
  const { busy, problem, submit } = useSubmit(onSaved, '时限已保存');
  const problems = policyProblems(draft);
  const shownProblems = tried ? problems : {};
  const save = () => {
    setTried(true);
    if (Object.keys(problems).length === 0) void submit(() => adminApi.setSlaPolicy(policyOf(categoryId, priority, draft)));
  };
  return (
    <View className="policy-form" data-testid="policy-form">
      <View className="field__label">计时方式</View>
      <View className="chips">
        {SLA_CLOCKS.map((clock) => (
          <Text key={clock} className={`chip-option ${draft.clock === clock ? 'chip-option--on' : ''}`} onClick={() => setDraft({ ...draft, clock })} data-testid={`clock-${clock}`}>
            {CLOCK_LABELS[clock]}
          </Text>
        ))}
      </View>
      {POLICY_FIELDS.map(({ key, label, party, alwaysClock }) => (
        <View key={key} className="field">
          <View className="field__label">{label}（{party}，分钟）</View>
          <Input className="input" type="number" value={draft[key]} onInput={(e) => setDraft({ ...draft, [key]: e.detail.value })} data-testid={`policy-${key}`} />
          <View className="muted">{durationText(Number(draft[key]), alwaysClock ? 'clock' : draft.clock)}</View>
          {shownProblems[key] && <View className="error-text" data-problem={key}>{shownProblems[key]}</View>}
        </View>
      ))}
      <View className="field">
        <View className="field__label">预警比例（已用时限的 %）</View>
        <Input className="input" type="number" value={draft.warnPercent} onInput={(e) => setDraft({ ...draft, warnPercent: e.detail.value })} data-testid="policy-warnPercent" />
        {shownProblems.warnPercent && <View className="error-text" data-problem="warnPercent">{shownProblems.warnPercent}</View>}
      </View>
      {problem && <View className="error-text">{problem}</View>}
      <Button className="btn btn--primary" disabled={busy} onClick={save} data-testid="policy-save">保存（新工单立即生效）</Button>
    </View>
  );
}
