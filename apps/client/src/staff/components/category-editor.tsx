import { PRIORITIES, PRIORITY_LABELS, type Priority } from '@red-butler/domain';
import { Button, Input, Switch, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { adminApi } from '../../api/admin.api';
import type { AdminCategory, CategoryUpdate, NewCategory, Organization } from '../../api/api.types';
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

/** The permanent code of a new category (the API checks the same pattern, and that it is unused). */
export function categoryCodeProblem(code: string): string | null {
  return /^[a-z][a-z0-9_]{2,63}$/.test(code) ? null : '类别编码须为3–64位小写字母、数字或下划线，以字母开头';
}

const BLANK: NewCategory = {
  code: '', name: '', groupName: '', icon: ICON_CODES[0], handlerKind: 'company', departmentId: null, defaultPriority: 'normal', publiclyListed: false, active: true,
};

const updateOf = (c: AdminCategory): CategoryUpdate => ({
  name: c.name, groupName: c.groupName, icon: c.icon, handlerKind: c.handlerKind, departmentId: c.departmentId, publiclyListed: c.publiclyListed, active: c.active,
});

/** 报事类别: name, group, icon, who handles it (物业 or a 职能部门), Open311 listing, offered or not. */
export function CategoryEditor({ categories, departments, onSaved }: CategoryEditorProps) {
  // A category id, or 'new' for the form that adds one.
  const [open, setOpen] = useState<number | 'new' | null>(null);
  return (
    <View>
      {open === 'new'
        ? (
          <View className="card">
            <CategoryForm departments={departments} onSaved={() => { setOpen(null); onSaved(); }} />
            <Button className="btn btn--ghost" onClick={() => setOpen(null)} data-testid="category-new-cancel">取消</Button>
          </View>
        )
        : <Button className="btn btn--primary" onClick={() => setOpen('new')} data-testid="category-new">新增类别</Button>}
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

/** Edits a category, or adds one when `category` is absent (then also its code and starting priority). */
function CategoryForm({ category, departments, onSaved }: { category?: AdminCategory; departments: Organization[]; onSaved: () => void }) {
  const [draft, setDraft] = useState<NewCategory>(() => (category ? { ...updateOf(category), code: category.code, defaultPriority: category.defaultPriority } : BLANK));
  const [formProblem, setFormProblem] = useState<string | null>(null);
  const { busy, problem, submit } = useSubmit(onSaved, category ? '类别已保存' : '类别已新增');
  const set = (patch: Partial<NewCategory>) => setDraft({ ...draft, ...patch });
  const save = () => {
    const p = (category ? null : categoryCodeProblem(draft.code)) ?? categoryProblem(draft);
    setFormProblem(p);
    if (p) return;
    const trimmed = { ...draft, name: draft.name.trim(), groupName: draft.groupName.trim() };
    if (category) {
      const { code: _code, defaultPriority: _priority, ...update } = trimmed;
      void submit(() => adminApi.setCategory(category.id, update));
    } else void submit(() => adminApi.createCategory(trimmed));
  };
  return (
    <View className="category-form" data-testid="category-form">
      {!category && (
        <>
          <View className="field__label">类别编码（保存后不可更改）</View>
          <Input className="input" value={draft.code} placeholder="如 bike_shed_hazard" onInput={(e) => set({ code: e.detail.value.trim() })} data-testid="category-code" />
          <View className="field__label">默认紧急程度</View>
          <View className="chips">
            {PRIORITIES.map((p: Priority) => (
              <Text key={p} className={`chip-option ${draft.defaultPriority === p ? 'chip-option--on' : ''}`} onClick={() => set({ defaultPriority: p })} data-testid={`category-priority-${p}`}>{PRIORITY_LABELS[p]}</Text>
            ))}
          </View>
        </>
      )}
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
      <Button className="btn btn--primary" disabled={busy} onClick={save} data-testid="category-save">{category ? '保存' : '新增'}</Button>
    </View>
  );
}
