import { Button, Input, View } from '@tarojs/components';
import { useState } from 'react';
import type { UserWithCode } from '../../../api/api.types';
import { peopleApi, type GrantInput } from '../../../api/people.api';
import { useSubmit } from '../use-submit.hook';
import { RolePicker } from './role-picker';

/** 新建人员: account, name, phone and a first role with its scope; the answer carries the invitation code. */
export function PersonForm({ onCreated }: { onCreated: (created: UserWithCode) => void }) {
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [phone, setPhone] = useState('');
  const [grant, setGrant] = useState<GrantInput | null>(null);
  const { busy, problem, setProblem, submit } = useSubmit(onCreated, '已创建');
  const save = () => {
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/.test(username.trim())) return setProblem('账号为3–64位字母、数字、点、下划线或连字符');
    if (!displayName.trim()) return setProblem('请填写姓名');
    if (phone && !/^1\d{10}$/.test(phone)) return setProblem('手机号应为11位');
    if (!grant) return setProblem('请选择角色和范围');
    void submit(() => peopleApi.create({ username: username.trim(), displayName: displayName.trim(), ...(phone ? { phone } : {}), roles: [grant] }));
  };
  return (
    <View className="card person-form">
      <View className="detail__section-title">新建人员</View>
      <View className="field">
        <View className="field__label">账号</View>
        <Input className="input" value={username} placeholder="登录用的账号，如 zhang.lijuan" onInput={(e) => setUsername(e.detail.value)} data-testid="person-username" />
      </View>
      <View className="field">
        <View className="field__label">姓名</View>
        <Input className="input" value={displayName} onInput={(e) => setDisplayName(e.detail.value)} data-testid="person-name" />
      </View>
      <View className="field">
        <View className="field__label">手机号（选填）</View>
        <Input className="input" type="number" value={phone} onInput={(e) => setPhone(e.detail.value)} data-testid="person-phone" />
      </View>
      <RolePicker testId="person-role" onChange={setGrant} />
      {problem && <View className="error-text">{problem}</View>}
      <Button className="btn btn--primary btn--block" disabled={busy} onClick={save} data-testid="person-create">创建并生成邀请码</Button>
    </View>
  );
}
