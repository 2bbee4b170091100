import { Button, Text, View } from '@tarojs/components';
import type { ActivitySummary } from '../../api/api.types';
import { formatTime } from '../../lib/format.util';

/** What the resident's button says: sign up, or where they stand. */
export function signUpState(a: ActivitySummary): { label: string; can: boolean } {
  if (a.attendedAt) return { label: '已签到', can: false };
  if (a.signedUpByMe) return { label: '已报名', can: false };
  if (a.signedUp >= a.capacity) return { label: '名额已满', can: false };
  return { label: '报名', can: true };
}

/** One community activity: when, where, hours credited and seats; residents sign up from it. */
export function ActivityCard({ activity: a, onSignUp, onOpen }: { activity: ActivitySummary; onSignUp?: (a: ActivitySummary) => void; onOpen?: (a: ActivitySummary) => void }) {
  const state = signUpState(a);
  return (
    <View className="card activity" data-activity={a.id} onClick={onOpen ? () => onOpen(a) : undefined}>
      <View className="ticket-card__head">
        <Text className="ticket-card__title">{a.title}</Text>
        <Text className="chip">{a.hours} 小时</Text>
      </View>
      <View className="muted">{formatTime(a.startsAt)} · {a.place}</View>
      <View className="muted">名额 {a.signedUp} / {a.capacity}</View>
      {onSignUp && (
        <Button className="btn btn--primary btn--block" disabled={!state.can} onClick={(e) => { e.stopPropagation?.(); onSignUp(a); }} data-testid={`signup-${a.id}`}>
          {state.label}
        </Button>
      )}
    </View>
  );
}
