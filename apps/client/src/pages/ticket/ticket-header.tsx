import { Text, View } from '@tarojs/components';
import { CHANNEL_LABELS, PRIORITY_LABELS, RATING_LABELS } from '@red-butler/domain';
import type { TicketDetail } from '../../api/api.types';
import { CallButton } from '../../components/call-button/call-button';
import { PhotoThumb } from '../../components/photo-thumb/photo-thumb';
import { StatusChip } from '../../components/status-chip/status-chip';
import { categoryIcon } from '../../lib/category-icon.util';
import { formatTime } from '../../lib/format.util';

const SUGGESTION_REASON = { contract: '物业服务合同', custody: '社区托管', fallback: '国企兜底', department: '分类归口部门' } as const;

function Row({ label, value, phone }: { label: string; value: string | null | undefined; phone?: string | null }) {
  if (!value && !phone) return null;
  return (
    <View className="kv">
      <Text className="kv__k">{label}</Text>
      <Text className="kv__v">{value}{phone && <> <CallButton phone={phone} /></>}</Text>
    </View>
  );
}

export function TicketHeader({ ticket }: { ticket: TicketDetail }) {
  const reportPhotos = ticket.timeline.find((e) => e.action === 'report')?.photos.map((p) => p.url) ?? [];
  return (
    <View className="card">
      <View className="ticket-card__head">
        <Text className="ticket-card__icon">{categoryIcon(ticket.category.icon)}</Text>
        <Text className="ticket-card__title">{ticket.category.name}</Text>
        {ticket.priority !== 'normal' && <Text className={`tag tag--${ticket.priority}`}>{PRIORITY_LABELS[ticket.priority]}</Text>}
        <StatusChip status={ticket.status} />
      </View>
      <View className="detail__desc">{ticket.description}</View>
      {reportPhotos.length > 0 && (
        <View className="photos">
          {reportPhotos.map((u) => (
            <View className="photos__item" key={u}>
              <PhotoThumb url={u} all={reportPhotos} />
            </View>
          ))}
        </View>
      )}
      <Row label="工单号" value={ticket.no} />
      <Row label="位置" value={[ticket.compound.name, ticket.building?.name, ticket.address].filter(Boolean).join(' ')} />
      <Row label="社区" value={ticket.communityName} />
      <Row label="来源" value={CHANNEL_LABELS[ticket.channel]} />
      <Row label="12345工单编号" value={ticket.hotline?.caseNo} />
      <Row label="来电时间" value={ticket.hotline?.calledAt ? formatTime(ticket.hotline.calledAt) : null} />
      {/* The API masks phones for whoever has no need of them; an unmasked one gets a call button. */}
      {ticket.caller && <Row label="居民" value={ticket.caller.name} phone={ticket.caller.phone} />}
      <Row label={ticket.caller ? '录入人' : '报事人'} value={ticket.reporter.displayName} phone={ticket.caller ? null : ticket.reporter.phone} />
      <Row label="提交时间" value={formatTime(ticket.createdAt)} />
      <Row label="处理单位" value={ticket.handler?.name} />
      <Row label="处理人" value={ticket.assignee?.displayName} />
      <Row label="退单次数" value={ticket.returnCount ? String(ticket.returnCount) : null} />
      <Row label="重办次数" value={ticket.reopenCount ? String(ticket.reopenCount) : null} />
      <Row label="评价" value={ticket.rating ? `${RATING_LABELS[ticket.rating]}${ticket.ratingComment ? `：${ticket.ratingComment}` : ''}` : null} />
      {ticket.pauseRequest && (
        <View className="hint" data-testid="pause-request">挂起申请待社区审批：{ticket.pauseRequest.reason}（{ticket.pauseRequest.requestedBy}）</View>
      )}
      {ticket.suggestedHandler && (
        <View className="hint" data-testid="suggested-handler">
          建议派往：{ticket.suggestedHandler.name}（依据：{SUGGESTION_REASON[ticket.suggestedHandler.reason]}）
        </View>
      )}
    </View>
  );
}
