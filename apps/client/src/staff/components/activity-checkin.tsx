import { Button, Text, View } from '@tarojs/components';
import type { Activity } from '../../api/api.types';
import { pointsApi } from '../../api/points.api';
import { formatTime } from '../../lib/format.util';
import { useSubmit } from './use-submit.hook';

/** 签到: the activity's sign-ups; staff check in who came, and the points follow on the server. */
export function ActivityCheckIn({ activity, onChanged }: { activity: Activity; onChanged: (a: Activity) => void }) {
  const { busy, problem, submit } = useSubmit(onChanged, '已签到，积分已发放');
  return (
    <View className="card activity-checkin" data-checkin={activity.id}>
      <View className="muted">已报名 {activity.signedUp} / {activity.capacity} · 每人计 {activity.hours} 小时</View>
      {activity.signups.length === 0 && <View className="muted">还没有居民报名</View>}
      {activity.signups.map((s) => (
        <View key={s.userId} className="settings__row" data-signup={s.userId}>
          <Text>{s.displayName}</Text>
          {s.attendedAt ? (
            <Text className="chip">已签到 {formatTime(s.attendedAt)}</Text>
          ) : (
            <Button className="btn btn--primary" size="mini" disabled={busy} onClick={() => void submit(() => pointsApi.checkIn(activity.id, s.userId))} data-testid={`checkin-${s.userId}`}>
              签到
            </Button>
          )}
        </View>
      ))}
      {problem && <View className="error-text">{problem}</View>}
    </View>
  );
}
