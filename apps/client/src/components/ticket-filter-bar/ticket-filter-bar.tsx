import { Input, Picker, Text, View } from '@tarojs/components';
import { CHANNEL_LABELS, CHANNELS, type Channel } from '@red-butler/domain';
import { useEffect, useState } from 'react';
import type { Category, ListQuery } from '../../api/api.types';
import { SelectField, type Option } from '../select-field/select-field';

/** What the bar adds to a list's query (status stays with the page's own tabs). */
export type TicketFilter = Pick<ListQuery, 'text' | 'categoryId' | 'channel' | 'from' | 'to' | 'overdue'>;

export interface TicketFilterBarProps {
  value: TicketFilter;
  onChange: (next: TicketFilter) => void;
  categories: Category[];
  /** Staff lists: 来源 and 超期 filters; a resident's own list has neither. */
  staff?: boolean;
}

/** The number of filters set besides the search words: shown on the 筛选 toggle. */
export function activeFilters(f: TicketFilter): number {
  return [f.categoryId, f.channel, f.from, f.to, f.overdue === 'true' ? 1 : undefined].filter((v) => v !== undefined && v !== '').length;
}

/** Drops empty values so that the query (and the list's reload key) only names what is set. */
export function cleanFilter(f: TicketFilter): TicketFilter {
  const out: TicketFilter = {};
  const text = f.text?.trim();
  if (text) out.text = text;
  if (f.categoryId) out.categoryId = f.categoryId;
  if (f.channel) out.channel = f.channel;
  if (f.from) out.from = f.from;
  if (f.to) out.to = f.to;
  if (f.overdue === 'true') out.overdue = 'true';
  return out;
}

/**
 * 搜索 and 筛选 above a ticket list: words (工单号, 描述, 地址, 小区/楼栋) applied on 搜索 or the
 * keyboard's confirm, the rest applied as chosen. Every change starts the list again from page one.
 */
export function TicketFilterBar({ value, onChange, categories, staff = false }: TicketFilterBarProps) {
  const [text, setText] = useState(value.text ?? '');
  const [open, setOpen] = useState(false);
  useEffect(() => setText(value.text ?? ''), [value.text]);
  const set = (patch: Partial<TicketFilter>) => onChange(cleanFilter({ ...value, ...patch }));
  const categoryOptions: Option<number>[] = [{ value: 0, label: '全部类别' }, ...categories.map((c) => ({ value: c.id, label: c.name, hint: c.group }))];
  const count = activeFilters(value);
  return (
    <View className="filter-bar">
      <View className="filter-bar__row">
        <Input
          className="filter-bar__input"
          value={text}
          placeholder="搜索工单号、描述、地址"
          confirmType="search"
          onInput={(e) => setText(e.detail.value)}
          onConfirm={() => set({ text })}
          data-testid="filter-text"
        />
        <Text className="filter-bar__btn" onClick={() => set({ text })} data-testid="filter-search">搜索</Text>
        <Text className={`filter-bar__btn ${count ? 'filter-bar__btn--on' : ''}`} onClick={() => setOpen(!open)} data-testid="filter-toggle">
          筛选{count ? `(${count})` : ''}
        </Text>
      </View>
      {open && (
        <View className="filter-bar__panel" data-testid="filter-panel">
          <SelectField label="类别" options={categoryOptions} value={value.categoryId ?? 0} onChange={(id) => set({ categoryId: id || undefined })} testId="filter-category" />
          {staff && (
            <View className="chips">
              <Text className={`chip-option ${!value.channel ? 'chip-option--on' : ''}`} onClick={() => set({ channel: undefined })} data-channel="all">全部来源</Text>
              {CHANNELS.map((c: Channel) => (
                <Text key={c} className={`chip-option ${value.channel === c ? 'chip-option--on' : ''}`} onClick={() => set({ channel: c })} data-channel={c}>
                  {CHANNEL_LABELS[c]}
                </Text>
              ))}
            </View>
          )}
          <View className="period">
            <Picker mode="date" value={value.from ?? ''} onChange={(e) => set({ from: String(e.detail.value) })} data-testid="filter-from">
              <Text className="period__date">{value.from ?? '开始日期'}</Text>
            </Picker>
            <Text className="muted">至</Text>
            <Picker mode="date" value={value.to ?? ''} onChange={(e) => set({ to: String(e.detail.value) })} data-testid="filter-to">
              <Text className="period__date">{value.to ?? '结束日期'}</Text>
            </Picker>
          </View>
          {staff && (
            <View className="chips">
              <Text className={`chip-option ${value.overdue === 'true' ? 'chip-option--on' : ''}`} onClick={() => set({ overdue: value.overdue === 'true' ? undefined : 'true' })} data-testid="filter-overdue">
                只看超期
              </Text>
            </View>
          )}
          {count > 0 && (
            <Text className="muted center" onClick={() => onChange(cleanFilter({ text: value.text }))} data-testid="filter-clear">清除筛选</Text>
          )}
        </View>
      )}
    </View>
  );
}
