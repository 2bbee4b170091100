import { Text, View } from '@tarojs/components';
import { DEADLINE_LEG_LABELS } from '@red-butler/domain';
import type { TicketDeadline } from '../../api/api.types';
import { countdown } from '../../lib/countdown.util';
import { formatTime } from '../../lib/format.util';

/**
 * The open legs' clocks, compactly: 派单/接单/办结/评价/电话回访, the due time and what is left (or how
 * late it is, in red); a paused leg (挂起) has no due time until it resumes, so it shows the reason;
 * 督办 level once a breach has been escalated.
 */
export function TicketDeadlines({ deadlines, now }: { deadlines: TicketDeadline[]; now: number }) {
  const open = deadlines.filter((d) => d.status === 'open');
  if (open.length === 0) return null;
  return (
    <View className="card deadlines" data-testid="deadlines">
      {open.map((d) => {
        const paused = !!d.pausedAt;
        const left = paused ? null : countdown(d.dueAt, now, d.overdue);
        return (
          <View className="deadline" key={d.id} data-leg={d.leg}>
            <View className="deadline__head">
              <Text className="deadline__leg">{DEADLINE_LEG_LABELS[d.leg] ?? d.leg}时限</Text>
              {paused && <Text className="countdown countdown--paused">挂起中</Text>}
              {paused && d.overdue && <Text className="countdown countdown--late">已超期</Text>}
              {left && <Text className={`countdown ${left.late ? 'countdown--late' : ''}`} data-testid="countdown">{left.text}</Text>}
              {d.escalationLevel > 0 && <Text className="countdown countdown--late">督办 {d.escalationLevel}级</Text>}
            </View>
            {paused ? (
              <View className="deadline__sub" data-testid="paused">
                {formatTime(d.pausedAt)} 起挂起{d.pauseReason ? `：${d.pauseReason}` : ''}
              </View>
            ) : (
              d.dueAt && <View className="deadline__sub">截止 {formatTime(d.dueAt)}</View>
            )}
          </View>
        );
      })}
    </View>
  );
}
