import { Text, View } from '@tarojs/components';
import type { CompanyTrailEntry, CompoundTrailEntry } from '../../api/api.types';
import { formatTime } from '../../lib/format.util';

type Entry = CompanyTrailEntry | CompoundTrailEntry;

/**
 * A company's trail, oldest first: the full one (staff, the company: who did it, which compounds)
 * or a compound's summary (residents: the company and what happened, nothing more).
 */
export function TrailList({ entries }: { entries: Entry[] }) {
  if (entries.length === 0) return <View className="empty">暂无督导整改记录</View>;
  return (
    <View className="timeline">
      {entries.map((e, i) => (
        <View key={e.id} className={`timeline__item ${i === entries.length - 1 ? 'timeline__item--last' : ''}`} data-trail={e.kind}>
          <View className="timeline__dot" />
          <View className="timeline__body">
            <View className="timeline__head">
              <Text className="timeline__action">{e.kindLabel}</Text>
              <Text className="timeline__time">{formatTime(e.at)}</Text>
            </View>
            {'company' in e && <View className="muted">{e.company.name}</View>}
            {'compounds' in e && e.compounds.length > 0 && <View className="muted">{e.compounds.map((c) => c.name).join('、')}</View>}
            <View className="timeline__note">{e.summary}</View>
            {'actor' in e && e.actor && <View className="muted">经办：{e.actor.displayName}</View>}
          </View>
        </View>
      ))}
    </View>
  );
}
