import { Button, Textarea, View } from '@tarojs/components';
import { VOTE_MATTER_LABELS, VOTE_MATTERS, VOTE_QUESTION_MAX, type VoteMatter } from '@red-butler/domain';
import { useState } from 'react';
import type { Vote } from '../../api/api.types';
import { votesApi } from '../../api/votes.api';
import { SelectField, type Option } from '../../components/select-field/select-field';
import { useSubmit } from './use-submit.hook';

const DAYS = [3, 7, 10, 15, 30];

export interface VoteDraftFormProps {
  compounds: Option<number>[];
  onDrafted: (vote: Vote) => void;
  /** The clock, injectable for tests. */
  now?: () => Date;
}

/**
 * 发起表决: question, options (one per line), the matter (ordinary or art. 278 items 6–8, which
 * need three quarters) and how many days the window stays open from now. Community review follows.
 */
export function VoteDraftForm({ compounds, onDrafted, now = () => new Date() }: VoteDraftFormProps) {
  const [compoundId, setCompoundId] = useState<number | undefined>(compounds.length === 1 ? compounds[0].value : undefined);
  const [question, setQuestion] = useState('');
  const [options, setOptions] = useState('同意\n不同意\n弃权');
  const [matter, setMatter] = useState<VoteMatter>('ordinary');
  const [days, setDays] = useState(7);
  const { busy, problem, setProblem, submit } = useSubmit<Vote>(onDrafted, '已提交审核');
  const send = () => {
    const list = options.split('\n').map((o) => o.trim()).filter(Boolean);
    if (compoundId === undefined) return setProblem('请选择小区');
    if (!question.trim()) return setProblem('请填写表决事项');
    if (list.length < 2) return setProblem('至少需要两个选项');
    const start = now();
    void submit(() =>
      votesApi.draft({ compoundId, question: question.trim(), options: list, matter, opensAt: start.toISOString(), closesAt: new Date(start.getTime() + days * 86_400_000).toISOString() }),
    );
  };
  return (
    <View className="card vote-draft">
      <SelectField label="小区" testId="draft-compound" options={compounds} value={compoundId} onChange={setCompoundId} />
      <View className="field">
        <View className="field__label">表决事项</View>
        <Textarea className="textarea" maxlength={VOTE_QUESTION_MAX} placeholder="如：是否同意使用维修资金更换5号楼电梯" value={question} onInput={(e) => setQuestion(e.detail.value)} data-testid="draft-question" />
      </View>
      <View className="field">
        <View className="field__label">选项（每行一个）</View>
        <Textarea className="textarea" value={options} onInput={(e) => setOptions(e.detail.value)} data-testid="draft-options" />
      </View>
      <SelectField
        label="事项类别"
        testId="draft-matter"
        options={VOTE_MATTERS.map((m) => ({ value: m, label: VOTE_MATTER_LABELS[m], hint: m === 'ordinary' ? '过半数通过（含使用维修资金）' : '四分之三以上通过' }))}
        value={matter}
        onChange={setMatter}
      />
      <SelectField label="投票天数" testId="draft-days" options={DAYS.map((d) => ({ value: d, label: `${d}天` }))} value={days} onChange={setDays} />
      <View className="muted">社区审核通过后即开始投票，{days}天后截止，截止后自动计票并在公示栏公布。</View>
      {problem && <View className="error-text">{problem}</View>}
      <Button className="btn btn--primary btn--block" disabled={busy} onClick={send} data-testid="draft-submit">提交社区审核</Button>
    </View>
  );
}
