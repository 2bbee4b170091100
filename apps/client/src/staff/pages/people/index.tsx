import { Button, Input, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { errorText } from '../../../api/api-error';
import type { UserListQuery, UserSummary, UserWithCode } from '../../../api/api.types';
import { peopleApi } from '../../../api/people.api';
import { Screen } from '../../../components/screen/screen';
import { SelectField } from '../../../components/select-field/select-field';
import { useSignedIn } from '../../../hooks/use-me.hook';
import { useScreenData } from '../../../hooks/use-screen-data.hook';
import { IssuedCode } from '../../components/people/issued-code';
import { PersonForm } from '../../components/people/person-form';
import { PersonList } from '../../components/people/person-list';
import { GRANTABLE } from '../../components/people/scope-options.util';

type Role = NonNullable<UserListQuery['role']>;

/** 人员管理 (admins): search, filter by role, page on; create an account and hand over its invitation code. */
export default function PeoplePage() {
  const me = useSignedIn();
  const [q, setQ] = useState('');
  const [role, setRole] = useState<Role>();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<UserWithCode | null>(null);
  const [more, setMore] = useState<UserSummary[]>([]);
  const [cursor, setCursor] = useState<number | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const list = useScreenData(async () => {
    const page = await peopleApi.list({ q: q.trim() || undefined, role });
    setMore([]);
    setCursor(page.nextCursor);
    return page;
  }, !!me);
  const loadMore = async () => {
    if (cursor === null) return;
    try {
      const page = await peopleApi.list({ q: q.trim() || undefined, role, cursor });
      setMore((m) => [...m, ...page.items]);
      setCursor(page.nextCursor);
    } catch (error) {
      setProblem(errorText(error));
    }
  };
  const open = (id: number) => void Taro.navigateTo({ url: `/staff/pages/person/index?id=${id}` });
  return (
    <Screen>
      <View className="card">
        <Input className="input" value={q} placeholder="姓名、账号或手机号" onInput={(e) => setQ(e.detail.value)} data-testid="people-search" />
        <SelectField label="角色" testId="people-role" options={GRANTABLE} value={role} onChange={setRole} />
        <Button className="btn btn--ghost btn--block" onClick={() => void list.reload()} data-testid="people-apply">查询</Button>
        <Button className="btn btn--primary btn--block" onClick={() => (setCreating(!creating), setCreated(null))} data-testid="people-new">{creating ? '收起' : '新建人员'}</Button>
      </View>
      {creating && !created && <PersonForm onCreated={(c) => (setCreated(c), void list.reload())} />}
      {created && <IssuedCode username={created.user.username} code={created.code} />}
      {(list.problem || problem) && <View className="error-text">{list.problem ?? problem}</View>}
      {list.data && <PersonList people={[...list.data.items, ...more]} onOpen={open} />}
      {cursor !== null && <Button className="btn btn--ghost btn--block" onClick={() => void loadMore()} data-testid="people-more">加载更多</Button>}
    </Screen>
  );
}
