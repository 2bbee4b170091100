import { Button, Input, View } from '@tarojs/components';
import { useState } from 'react';
import { errorText } from '../../api/api-error';
import type { TokenResponse } from '../../api/api.types';
import { peopleApi } from '../../api/people.api';

/** 使用验证码设置密码: the invitation or reset code an admin handed over, once. */
export function RedeemForm({ onSignedIn }: { onSignedIn: (token: TokenResponse) => Promise<void> }) {
  const [username, setUsername] = useState('');
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const send = async () => {
    if (!username.trim() || !code.trim()) return setProblem('请输入账号和验证码');
    if (password.length < 10) return setProblem('新密码至少10位');
    if (password !== again) return setProblem('两次输入的密码不一致');
    setBusy(true);
    setProblem(null);
    try {
      await onSignedIn(await peopleApi.redeem(username.trim(), code.trim(), password));
    } catch (error) {
      setProblem(errorText(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className="card" data-testid="redeem-form">
      <View className="section-title">使用验证码设置密码</View>
      <View className="field"><Input className="input" placeholder="账号" value={username} onInput={(e) => setUsername(e.detail.value)} data-testid="redeem-username" /></View>
      <View className="field"><Input className="input" placeholder="验证码（管理员提供）" value={code} onInput={(e) => setCode(e.detail.value)} data-testid="redeem-code" /></View>
      <View className="field"><Input className="input" password placeholder="新密码（至少10位）" value={password} onInput={(e) => setPassword(e.detail.value)} data-testid="redeem-password" /></View>
      <View className="field"><Input className="input" password placeholder="再次输入新密码" value={again} onInput={(e) => setAgain(e.detail.value)} data-testid="redeem-again" /></View>
      {problem && <View className="error-text">{problem}</View>}
      <Button className="btn btn--primary btn--block" disabled={busy} onClick={() => void send()} data-testid="redeem-submit">设置密码并登录</Button>
    </View>
  );
}
