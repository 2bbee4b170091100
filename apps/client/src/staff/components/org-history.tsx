import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { errorText } from '../../api/api-error';
import type { OrgHistoryEntity, OrgHistoryItem } from '../../api/api.types';
import { districtApi } from '../../api/district.api';

const FIELD_ZH: Record<string, string> = {
  created: '新建', name: '名称', households: '户数', entrances: '单元数', floor_area_m2: '建筑面积', address: '地址', parent_id: '上级',
  street_id: '所属街道', community_id: '所属社区', grid_id: '所属网格', uscc: '信用代码', short_name: '简称', phone: '电话', is_fallback: '国企兜底',
  kind: '服务方式', starts_on: '开始日期', ends_on: '结束日期', categories: '负责类别', department_id: '负责部门',
};

const when = (iso: string) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

/** 变更记录 of one object: who changed which field from what to what, when, by import or by hand. */
export function OrgHistory({ entity, id }: { entity: OrgHistoryEntity; id: number }) {
  const [items, setItems] = useState<OrgHistoryItem[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const open = async () => {
    if (items) return setItems(null);
    try {
      setItems((await districtApi.history(entity, id)).items);
    } catch (error) {
      setProblem(errorText(error));
    }
  };
  return (
    <View data-testid={`history-${entity}-${id}`}>
      <Button className="btn btn--ghost btn--small" onClick={() => void open()}>{items ? '收起记录' : '变更记录'}</Button>
      {problem && <View className="error-text">{problem}</View>}
      {items?.length === 0 && <View className="muted">暂无变更记录</View>}
      {items?.map((h) => (
        <View key={h.id} className="kv">
          <Text className="kv__k">{when(h.at)} {h.actor.displayName}{h.source === 'import' ? '（导入）' : ''}</Text>
          <Text className="kv__v">{FIELD_ZH[h.field] ?? h.field}：{h.from ?? '—'} → {h.to ?? '—'}</Text>
        </View>
      ))}
    </View>
  );
}
