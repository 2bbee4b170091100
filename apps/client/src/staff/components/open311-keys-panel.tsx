import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { adminApi } from '../../api/admin.api';
import type { Open311Key, Open311KeyIssued } from '../../api/api.types';
import { formatTime } from '../../lib/format.util';
import { useSubmit } from './use-submit.hook';

export interface Open311KeysPanelProps {
  keys: Open311Key[];
  onChanged: () => void;
}

const SCOPE_LABELS: Record<Open311Key['scope'], string> = { public: '公开数据', full: '完整数据（精确位置与描述）' };

/** What is wrong with the issue form, in Chinese (the API checks the same). */
export function keyFormProblem(name: string, scope: Open311Key['scope'], purpose: string): string | null {
  if (name.trim().length < 2) return '请填写使用方名称（至少2个字）';
  if (scope === 'full' && purpose.trim().length < 4) return '完整数据权限须写明用途（至少4个字）';
  return null;
}

/**
 * Open311 接口密钥: issue one (the key is shown this once; only its hash is kept), see each key's
 * scope, stated purpose and last use, and revoke it.
 */
export function Open311KeysPanel({ keys, onChanged }: Open311KeysPanelProps) {
  const [name, setName] = useState('');
  const [scope, setScope] = useState<Open311Key['scope']>('public');
  const [purpose, setPurpose] = useState('');
  const [issued, setIssued] = useState<Open311KeyIssued | null>(null);
  const [formProblem, setFormProblem] = useState<string | null>(null);
  const issue = useSubmit((k: Open311KeyIssued) => { setIssued(k); setName(''); setPurpose(''); onChanged(); }, '密钥已签发');
  const revoke = useSubmit(() => onChanged(), '密钥已吊销');

  const submitIssue = () => {
    const problem = keyFormProblem(name, scope, purpose);
    setFormProblem(problem);
    if (!problem) void issue.submit(() => adminApi.issueOpen311Key({ name: name.trim(), scope, ...(purpose.trim() ? { purpose: purpose.trim() } : {}) }));
  };
  const confirmRevoke = async (k: Open311Key) => {
    const { confirm } = await Taro.showModal({ title: '吊销密钥', content: `吊销后「${k.name}」的请求将被拒绝（已提交的工单保留）。确定吊销？` });
    if (confirm) void revoke.submit(() => adminApi.revokeOpen311Key(k.id));
  };

  return (
    <View>
      {issued && (
        <View className="card notice-box" data-testid="issued-key">
          <View className="section-title">新密钥（只显示这一次，请立即复制保存）</View>
          <Text className="mono" selectable>{issued.key}</Text>
          <Button className="btn btn--ghost" size="mini" onClick={() => void Taro.setClipboardData({ data: issued.key })} data-testid="copy-key">复制</Button>
          <Button className="btn btn--ghost" size="mini" onClick={() => setIssued(null)} data-testid="hide-key">我已保存</Button>
        </View>
      )}
      <View className="card">
        <View className="section-title">签发新密钥</View>
        <View className="field__label">使用方</View>
        <Input className="input" value={name} placeholder="如：金凤区12345热线 311 客户端" onInput={(e) => setName(e.detail.value)} data-testid="key-name" />
        <View className="field__label">权限</View>
        <View className="chips">
          {(['public', 'full'] as const).map((s) => (
            <Text key={s} className={`chip-option ${scope === s ? 'chip-option--on' : ''}`} onClick={() => setScope(s)} data-testid={`key-scope-${s}`}>{SCOPE_LABELS[s]}</Text>
          ))}
        </View>
        <View className="field__label">用途{scope === 'full' ? '（必填）' : '（选填）'}</View>
        <Textarea className="textarea" value={purpose} placeholder="为什么需要这些数据，如：12345热线回访来电市民的报事办理情况" onInput={(e) => setPurpose(e.detail.value)} data-testid="key-purpose" />
        {(formProblem ?? issue.problem) && <View className="error-text">{formProblem ?? issue.problem}</View>}
        <Button className="btn btn--primary" disabled={issue.busy} onClick={submitIssue} data-testid="key-issue">签发</Button>
      </View>
      {revoke.problem && <View className="error-text">{revoke.problem}</View>}
      {keys.map((k) => (
        <View key={k.id} className={`card ${k.revokedAt ? 'card--muted' : ''}`} data-key={k.id}>
          <View className="section-title">{k.name} <Text className="muted">{k.keyPrefix}…</Text></View>
          <View className="muted">权限：{SCOPE_LABELS[k.scope]}</View>
          <View className="muted">用途：{k.purpose ?? '未填写'}</View>
          <View className="muted">签发 {formatTime(k.createdAt)} · 最近使用 {k.lastUsedAt ? formatTime(k.lastUsedAt) : '从未使用'} · 请求 {k.requestCount} 次</View>
          {k.revokedAt
            ? <View className="muted" data-testid={`revoked-${k.id}`}>已于 {formatTime(k.revokedAt)} 吊销</View>
            : <Button className="btn btn--danger" size="mini" disabled={revoke.busy} onClick={() => void confirmRevoke(k)} data-testid={`revoke-${k.id}`}>吊销</Button>}
        </View>
      ))}
    </View>
  );
}
