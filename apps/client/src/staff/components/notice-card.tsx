import { Text, View } from '@tarojs/components';
import { NOTICE_STATUS_LABELS, type NoticeStatus } from '@red-butler/domain';
import Taro from '@tarojs/taro';
import type { NoticeListItem } from '../../api/api.types';
import { formatTime } from '../../lib/format.util';

/** Colours reuse the ticket chips: waiting (submitted), with the other side (dispatched), done, late. */
const CHIP: Record<NoticeStatus, string> = {
  issued: 'submitted', answered: 'dispatched', rejected: 'accepted', accepted: 'closed', overdue: 'cancelled',
};

export function NoticeStatusChip({ status }: { status: NoticeStatus }) {
  return <Text className={`chip chip--${CHIP[status]}`} data-status={status}>{NOTICE_STATUS_LABELS[status]}</Text>;
}

/** One 督导通知 in a list: the company, its compounds, the problem and the deadline. */
export function NoticeCard({ notice }: { notice: NoticeListItem }) {
  const open = () => void Taro.navigateTo({ url: `/staff/pages/notice/index?id=${notice.id}` });
  return (
    <View className="card" onClick={open} data-notice={notice.id}>
      <View className="ticket-card__head">
        <Text className="ticket-card__title">{notice.company.name}</Text>
        <NoticeStatusChip status={notice.status} />
      </View>
      <View className="ticket-card__meta">
        <Text>{notice.compounds.map((c) => c.name).join('、')} · {notice.issuer.unitName}</Text>
      </View>
      <View className="ticket-card__desc">{notice.problem}</View>
      <View className={notice.status === 'overdue' ? 'ticket-card__due overdue' : 'ticket-card__due muted'}>
        整改期限：{formatTime(notice.dueAt)}（{notice.workingDays}个工作日）
      </View>
    </View>
  );
}
