import { Button, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { errorText } from '../../../api/api-error';
import type { AdminCompany, AdminContract, AdminDepartment, AdminOrgUnit, Category } from '../../../api/api.types';
import { districtApi } from '../../../api/district.api';
import { orgApi } from '../../../api/org.api';
import { Screen } from '../../../components/screen/screen';
import { useSignedIn } from '../../../hooks/use-me.hook';
import { OrgEditForm } from '../../components/org-edit-form';
import { OrgHistory } from '../../components/org-history';

type Tab = 'units' | 'companies' | 'contracts' | 'departments';
const TABS: Array<[Tab, string]> = [['units', '组织架构'], ['companies', '物业公司'], ['contracts', '物业合同'], ['departments', '职能部门']];
const KIND_ZH: Record<AdminOrgUnit['kind'], string> = { district: '区', street: '街道', community: '社区', grid: '网格', compound: '小区', building: '楼栋' };

/** One line that opens its edit form and history; the list reloads after a save. */
function Item({ title, detail, children, testId }: { title: string; detail: string; children: (close: () => void) => JSX.Element; testId: string }) {
  const [open, setOpen] = useState(false);
  return (
    <View className="card" data-testid={testId}>
      <View className="item-head" onClick={() => setOpen(!open)}>
        <Text className="item-head__title">{title}</Text>
        {detail && <Text className="muted item-head__detail">{detail}</Text>}
      </View>
      {open && children(() => setOpen(false))}
    </View>
  );
}

function Units() {
  const [trail, setTrail] = useState<AdminOrgUnit[]>([]);
  const [items, setItems] = useState<AdminOrgUnit[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const parent = trail[trail.length - 1];
  const load = () => districtApi.units(parent?.id).then((r) => setItems(r.items), (e) => setProblem(errorText(e)));
  useEffect(() => void load(), [parent?.id]);
  return (
    <View>
      <View className="chips">
        <Button className="btn btn--ghost btn--small" onClick={() => setTrail([])}>顶层</Button>
        {trail.map((u, i) => <Button key={u.id} className="btn btn--ghost btn--small" onClick={() => setTrail(trail.slice(0, i + 1))}>{u.name}</Button>)}
      </View>
      {problem && <View className="error-text">{problem}</View>}
      {items.map((u) => (
        <Item key={u.id} testId={`unit-${u.id}`} title={`${KIND_ZH[u.kind]} ${u.name}（编号 ${u.id}）`}
          detail={[u.households !== null ? `${u.households}户` : '', u.entrances !== null ? `${u.entrances}个单元` : '', u.floorAreaM2 ? `${u.floorAreaM2}㎡` : ''].filter(Boolean).join(' ')}>
          {() => (
            <View>
              {u.children > 0 && <Button className="btn btn--ghost btn--small" onClick={() => setTrail([...trail, u])} data-testid="unit-children">查看下级（{u.children}）</Button>}
              {u.kind !== 'district' && (
                <OrgEditForm testId={`unit-edit-${u.id}`} onSave={async (p) => { await districtApi.editUnit(u.id, p); await load(); }} fields={[
                  { key: 'name', label: '名称', value: u.name },
                  { key: 'households', label: '户数', value: u.households, kind: 'int' },
                  ...(u.kind === 'building' ? [{ key: 'entrances', label: '单元数', value: u.entrances, kind: 'int' as const }] : []),
                  { key: 'floorAreaM2', label: '建筑面积（㎡）', value: u.floorAreaM2, kind: 'area' },
                  { key: 'address', label: '地址', value: u.address },
                  { key: 'parentId', label: '上级编号（迁移到其他社区/网格时修改；已有工单仍记在原社区）', value: u.parentId, kind: 'int' },
                ]} />
              )}
              <OrgHistory entity="org_unit" id={u.id} />
            </View>
          )}
        </Item>
      ))}
    </View>
  );
}

function Companies() {
  const [items, setItems] = useState<AdminCompany[]>([]);
  const load = () => districtApi.companies().then((r) => setItems(r.items), () => undefined);
  useEffect(() => void load(), []);
  return (
    <View>
      {items.map((c) => (
        <Item key={c.id} testId={`company-${c.id}`} title={c.name} detail={[c.uscc ?? '未录入信用代码', c.isFallback ? '国企兜底' : ''].filter(Boolean).join(' ')}>
          {() => (
            <View>
              <OrgEditForm testId={`company-edit-${c.id}`} onSave={async (p) => { await districtApi.editCompany(c.id, p); await load(); }} fields={[
                { key: 'name', label: '企业名称', value: c.name }, { key: 'uscc', label: '统一社会信用代码', value: c.uscc },
                { key: 'shortName', label: '简称', value: c.shortName }, { key: 'phone', label: '联系电话', value: c.phone },
              ]} />
              <OrgHistory entity="organization" id={c.id} />
            </View>
          )}
        </Item>
      ))}
    </View>
  );
}

function Contracts() {
  const [items, setItems] = useState<AdminContract[]>([]);
  const load = () => districtApi.contracts().then((r) => setItems(r.items), () => undefined);
  useEffect(() => void load(), []);
  return (
    <View>
      {items.map((k) => (
        <Item key={k.id} testId={`contract-${k.id}`} title={`${k.community.name} ${k.compound.name}`} detail={`${k.company.name} ${k.startsOn} 至 ${k.endsOn}${k.kind === 'custody' ? '（社区托管）' : ''}`}>
          {() => (
            <View>
              <OrgEditForm testId={`contract-edit-${k.id}`} onSave={async (p) => { await districtApi.editContract(k.id, p); await load(); }} fields={[
                { key: 'endsOn', label: '结束日期（提前终止请改为终止日，合同记录保留）', value: k.endsOn, kind: 'date' },
              ]} />
              <OrgHistory entity="contract" id={k.id} />
            </View>
          )}
        </Item>
      ))}
    </View>
  );
}

function Departments() {
  const [items, setItems] = useState<AdminDepartment[]>([]);
  const [categories, setCategories] = useState<Category[]>([]);
  const load = () => districtApi.departments().then((r) => setItems(r.items), () => undefined);
  useEffect(() => {
    void load();
    orgApi.categories().then(setCategories, () => undefined);
  }, []);
  const toggle = async (d: AdminDepartment, categoryId: number) => {
    const owned = d.categories.map((c) => c.id);
    const next = owned.includes(categoryId) ? owned.filter((id) => id !== categoryId) : [...owned, categoryId];
    await districtApi.editDepartment(d.id, { categoryIds: next });
    await load();
  };
  return (
    <View>
      {items.map((d) => (
        <Item key={d.id} testId={`department-${d.id}`} title={d.name} detail={d.categories.map((c) => c.name).join('、') || '未负责类别'}>
          {() => (
            <View>
              <View className="muted">负责类别（点击增减）</View>
              <View className="chips">
                {categories.map((c) => (
                  <Button key={c.id} className={`btn btn--small ${d.categories.some((o) => o.id === c.id) ? 'btn--primary' : 'btn--ghost'}`} onClick={() => void toggle(d, c.id)}>{c.name}</Button>
                ))}
              </View>
              <OrgHistory entity="organization" id={d.id} />
            </View>
          )}
        </Item>
      ))}
    </View>
  );
}

/** 辖区基础数据 (admins): browse and correct what the imports brought in; every change keeps its history. */
export default function DistrictDataPage() {
  const me = useSignedIn();
  const [tab, setTab] = useState<Tab>('units');
  if (!me) return <Screen><View className="empty">加载中…</View></Screen>;
  return (
    <Screen>
      <View className="page-head">辖区基础数据<View className="muted">点开一项可修改并查看变更记录</View></View>
      <View className="chips chips--sticky">
        {TABS.map(([k, label]) => <Button key={k} className={`btn btn--small ${k === tab ? 'btn--primary' : 'btn--ghost'}`} onClick={() => setTab(k)}>{label}</Button>)}
      </View>
      {tab === 'units' && <Units />}
      {tab === 'companies' && <Companies />}
      {tab === 'contracts' && <Contracts />}
      {tab === 'departments' && <Departments />}
    </Screen>
  );
}
