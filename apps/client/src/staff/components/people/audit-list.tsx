import { Text, View } from '@tarojs/components';
import type { AuditEntry } from '../../../api/api.types';
import { EmptyState } from '../../../components/empty-state/empty-state';
import { formatTime } from '../../../lib/format.util';

const METHOD: Record<string, string> = { GET: '查看', POST: '提交', PUT: '修改', PATCH: '修改', DELETE: '删除' };

/** 操作日志 entries: who, what (method, route, target), when, from where, and the result. */
export function AuditList({ entries }: { entries: AuditEntry[] }) {
  if (entries.length === 0) return <EmptyState text="没有符合条件的操作记录" />;
  return (
    <View className="audit-list">
      {entries.map((e) => (
        <View key={e.id} className="card audit-list__item" data-entry={e.id}>
          <View>
            <Text className="person-list__name">{e.actor?.displayName ?? '未知'}</Text>
            <Text className="muted"> {formatTime(e.at)} · {e.ip ?? ''}</Text>
          </View>
          <View>
            {METHOD[e.method] ?? e.method} {e.route}{e.targetId ? ` #${e.targetId}` : ''}
          </View>
          <View className={e.status >= 400 ? 'error-text' : 'muted'} data-outcome={e.status >= 400 ? 'failed' : 'ok'}>
            {e.status >= 400 ? `失败 ${e.status}${e.errorCode ? ` ${e.errorCode}` : ''}` : `成功 ${e.status}`}
          </View>
        </View>
      ))}
    </View>
  );
}
