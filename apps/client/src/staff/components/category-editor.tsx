import { Button, Input, Switch, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { adminApi } from '../../api/admin.api';
import type { AdminCategory, CategoryUpdate, Organization } from '../../api/api.types';
import { SelectField } from '../../components/select-field/select-field';
import { categoryIcon, ICON_CODES } from '../../lib/category-icon.util';
import { useSubmit } from './use-submit.hook';

export interface CategoryEditorProps {
  categories: AdminCategory[];
  departments: Organization[];
  onSaved: () => void;
}

/** What is wrong with a category form, in Chinese (the API checks the same). */
export function categoryProblem(c: CategoryUpdate): string | null {
  if (c.name.trim().length < 2 || c.name.trim().length > 50) return '类别名称须为2–50个字';
  if (c.groupName.trim().length < 2 || c.groupName.trim().length > 50) return '分组名称须为2–50个字';
  if (c.handlerKind === 'department' && c.departmentId === null) return '由职能部门办理的类别须选择主管部门';
  return null;
}

const updateOf = (c: AdminCategory): CategoryUpdate => ({
  name: c.name, groupName: c.groupName, icon: c.icon, handlerKind: c.handlerKind, departmentId: c.departmentId, publiclyListed: c.publiclyListed, active: c.active,
});

/** 报事类别: name, group, icon, who handles it (物业 or a 职能部门), Open311 listing, offered or not. */
export function CategoryEditor({ categories, departments, onSaved }: CategoryEditorProps) {
  const [open, setOpen] = useState<number | null>(null);
  return (
    <View>
      {categories.map((c) => (
        <View key={c.id} className={`card ${c.active ? '' : 'card--muted'}`} data-category={c.id}>
          <View onClick={() => setOpen(open === c.id ? null : c.id)} data-testid={`category-${c.id}`}>
            <Text>{categoryIcon(c.icon)} {c.name}</Text>
            <Text className="muted">
              {' '}{c.groupName} · {c.handlerKind === 'department' ? `职能部门：${c.departmentName ?? '未指定'}` : '物业公司'}
              {c.publiclyListed ? ' · Open311公开' : ''}{c.active ? '' : ' · 已停用'}
            </Text>
          </View>
          {open === c.id && <CategoryForm category={c} departments={departments} onSaved={() => { setOpen(null); onSaved(); }} />}
        </View>
      ))}
    </View>
  );
}

function CategoryForm({ category, departments, onSaved }: { category: AdminCategory; departments: Organization[]; onSaved: () => void }) {
  const [draft, setDraft] = useState<CategoryUpdate>(() => updateOf(category));
  const [formProblem, setFormProblem] = useState<string | null>(null);
  const { busy, problem, submit } = useSubmit(onSaved, '类别已保存');
  const set = (patch: Partial<CategoryUpdate>) => setDraft({ ...draft, ...patch });
  const save = () => {
    const p = categoryProblem(draft);
    setFormProblem(p);
    if (!p) void submit(() => adminApi.setCategory(category.id, { ...draft, name: draft.name.trim(), groupName: draft.groupName.trim() }));
  };
  return (
    <View className="category-form" data-testid="category-form">
      <View className="field__label">名称</View>
      <Input className="input" value={draft.name} onInput={(e) => set({ name: e.detail.value })} data-testid="category-name" />
      <View className="field__label">分组</View>
      <Input className="input" value={draft.groupName} onInput={(e) => set({ groupName: e.detail.value })} data-testid="category-group" />
      <View className="field__label">图标</View>
      <View className="icon-grid">
        {ICON_CODES.map((code) => (
          <Text key={code} className={`icon-option ${draft.icon === code ? 'icon-option--on' : ''}`} onClick={() => set({ icon: code })} data-icon={code}>{categoryIcon(code)}</Text>
        ))}
      </View>
      <View className="field__label">办理单位</View>
      <View className="chips">
        <Text className={`chip-option ${draft.handlerKind === 'company' ? 'chip-option--on' : ''}`} onClick={() => set({ handlerKind: 'company', departmentId: null })} data-testid="handler-company">物业公司</Text>
        <Text className={`chip-option ${draft.handlerKind === 'department' ? 'chip-option--on' : ''}`} onClick={() => set({ handlerKind: 'department' })} data-testid="handler-department">职能部门</Text>
      </View>
      {draft.handlerKind === 'department' && (
        <SelectField label="主管部门" testId="category-department" options={departments.map((d) => ({ value: d.id, label: d.name }))} value={draft.departmentId ?? undefined} onChange={(id) => set({ departmentId: id })} />
      )}
      <View className="field field--row">
        <Text>在 Open311 公开数据中列出（仅限公共区域问题）</Text>
        <Switch checked={draft.publiclyListed} onChange={(e) => set({ publiclyListed: e.detail.value })} data-testid="category-public" />
      </View>
      <View className="field field--row">
        <Text>居民报事时可选</Text>
        <Switch checked={draft.active} onChange={(e) => set({ active: e.detail.value })} data-testid="category-active" />
      </View>
      {(formProblem ?? problem) && <View className="error-text">{formProblem ?? problem}</View>}
      <Button className="btn btn--primary" disabled={busy} onClick={save} data-testid="category-save">保存</Button>
    </View>
  );
}
