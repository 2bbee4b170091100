import { Text, View } from '@tarojs/components';
import { PRIORITY_LABELS } from '@red-butler/domain';
import Taro from '@tarojs/taro';
import type { TicketSummary } from '../../api/api.types';
import { categoryIcon } from '../../lib/category-icon.util';
import type { Countdown } from '../../lib/countdown.util';
import { ago } from '../../lib/format.util';
import { StatusChip } from '../status-chip/status-chip';

/** `countdown`: the ticket's nearest deadline in words (queue and inbox), red once late. */
export function TicketCard({ ticket, extra, countdown }: { ticket: TicketSummary; extra?: string; countdown?: Countdown | null }) {
  const open = () => void Taro.navigateTo({ url: `/pages/ticket/index?id=${ticket.id}` });
  return (
    <View className="card ticket-card" onClick={open} data-ticket-id={ticket.id}>
      <View className="ticket-card__head">
        <Text className="ticket-card__icon">{categoryIcon(ticket.category.icon)}</Text>
        <Text className="ticket-card__title">{ticket.category.name}</Text>
        {ticket.priority !== 'normal' && (
          <Text className={`tag tag--${ticket.priority}`}>{PRIORITY_LABELS[ticket.priority]}</Text>
        )}
        <StatusChip status={ticket.status} />
      </View>
      <View className="ticket-card__desc">{ticket.description}</View>
      <View className="ticket-card__meta">
        <Text>{ticket.compound.name}{ticket.building ? ` · ${ticket.building.name}` : ''}</Text>
        <Text>{extra ?? ago(ticket.createdAt)}</Text>
      </View>
      {countdown && (
        <View className="ticket-card__due">
          <Text className={`countdown ${countdown.late ? 'countdown--late' : ''}`} data-testid="countdown">{countdown.text}</Text>
        </View>
      )}
    </View>
  );
}
