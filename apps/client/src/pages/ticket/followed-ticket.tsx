import { Button, Text, View } from '@tarojs/components';
import { TICKET_STATUS_LABELS } from '@red-butler/domain';
import type { PublicTicket } from '../../api/api.types';
import { StatusChip } from '../../components/status-chip/status-chip';
import { categoryIcon } from '../../lib/category-icon.util';
import { formatTime } from '../../lib/format.util';

/**
 * A ticket the resident follows (也遇到了) but did not report: read-only, in the public shape the API
 * gives followers (no reporter, address, photos or staff notes), so the 消息 a follower taps opens
 * something instead of a 404.
 */
export function FollowedTicket({ view, busy, onUnfollow }: { view: PublicTicket; busy: boolean; onUnfollow: () => void }) {
  return (
    <View className="card" data-testid="followed-ticket">
      <View className="ticket-card__head">
        <Text className="ticket-card__icon">{categoryIcon(view.category.icon)}</Text>
        <Text className="ticket-card__title">{view.category.name}</Text>
        <StatusChip status={view.status} />
      </View>
      <View className="detail__desc">{view.summary}</View>
      <View className="kv">
        <Text className="kv__k">我也遇到了</Text>
        <Text className="kv__v" data-testid="follower-count">{`${view.followerCount} 人`}</Text>
      </View>
      <View className="section-title">办理进度</View>
      {view.steps.map((s) => (
        <View className="kv" key={`${s.status}-${s.at}`} data-testid="public-step">
          <Text className="kv__k">{formatTime(s.at)}</Text>
          <Text className="kv__v">{TICKET_STATUS_LABELS[s.status]}</Text>
        </View>
      ))}
      <View className="hint">您关注了这条报事，办理进度会发到“消息”。报事人信息和处理备注仅对办理人员可见。</View>
      {view.following && (
        <Button className="btn btn--ghost" disabled={busy} onClick={onUnfollow} data-testid="unfollow-button">取消关注</Button>
      )}
    </View>
  );
}
