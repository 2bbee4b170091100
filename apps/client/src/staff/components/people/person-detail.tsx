import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { errorText } from '../../../api/api-error';
import type { IssuedCode as Code, UserAccount } from '../../../api/api.types';
import { peopleApi, type GrantInput } from '../../../api/people.api';
import { IssuedCode } from './issued-code';
import { RolePicker } from './role-picker';
import { scopeText } from './scope-options.util';

/** One person: roles with scopes (add, remove), 停用/启用, 重置密码 (shows the one-time code). */
export function PersonDetail({ user: initial }: { user: UserAccount }) {
  const [user, setUser] = useState(initial);
  const [code, setCode] = useState<Code | null>(null);
  const [grant, setGrant] = useState<GrantInput | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const run = async (action: () => Promise<UserAccount | { user: UserAccount; code: Code }>) => {
    setBusy(true);
    setProblem(null);
    try {
      const result = await action();
      if ('code' in result) {
        setUser(result.user);
        setCode(result.code);
      } else setUser(result);
    } catch (error) {
      setProblem(errorText(error));
    } finally {
      setBusy(false);
    }
  };
  const confirmThen = async (content: string, action: () => Promise<UserAccount | { user: UserAccount; code: Code }>) => {
    const answer = await Taro.showModal({ title: '请确认', content });
    if (answer.confirm) await run(action);
  };
  return (
    <View className="person-detail">
      <View className="card">
        <View className="detail__section-title">{user.displayName}{user.active ? '' : '（已停用）'}</View>
        <View className="muted">账号：{user.username ?? '微信用户'} {user.phone ? `· ${user.phone}` : ''}</View>
        <View className="muted" data-testid="person-password">{user.hasPassword ? '已设置密码' : user.pendingCode ? '等待本人用验证码设置密码' : '未设置密码'}</View>
      </View>
      <View className="card">
        <View className="detail__section-title">角色与范围</View>
        {user.roles.map((r) => (
          <View key={r.id} className="person-detail__role" data-binding={r.id}>
            <Text>{scopeText(r)}</Text>
            <Button className="btn btn--ghost btn--small" disabled={busy} onClick={() => void confirmThen(`移除“${scopeText(r)}”？`, () => peopleApi.revoke(r.id))}>移除</Button>
          </View>
        ))}
        <RolePicker testId="grant-role" onChange={setGrant} />
        <Button className="btn btn--ghost btn--block" disabled={busy || !grant} onClick={() => grant && void run(() => peopleApi.grant(user.id, grant))} data-testid="grant-submit">添加角色</Button>
      </View>
      {code && <IssuedCode username={user.username} code={code} />}
      {problem && <View className="error-text">{problem}</View>}
      <View className="card">
        {user.active ? (
          <Button className="btn btn--danger btn--block" disabled={busy} data-testid="person-deactivate"
            onClick={() => void confirmThen('停用后此人立即退出所有设备，且不能再登录。', () => peopleApi.deactivate(user.id))}>停用账号</Button>
        ) : (
          <Button className="btn btn--primary btn--block" disabled={busy} data-testid="person-reactivate" onClick={() => void run(() => peopleApi.reactivate(user.id))}>重新启用</Button>
        )}
        {user.username && (
          <Button className="btn btn--ghost btn--block" disabled={busy} data-testid="person-reset"
            onClick={() => void confirmThen('重置后原密码立即失效，并生成一次性重置码。', () => peopleApi.resetPassword(user.id))}>重置密码</Button>
        )}
        {user.username && !user.hasPassword && (
          <Button className="btn btn--ghost btn--block" disabled={busy} data-testid="person-invite" onClick={() => void run(() => peopleApi.invite(user.id))}>重新生成邀请码</Button>
        )}
      </View>
    </View>
  );
}
