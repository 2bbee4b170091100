import { Text, View } from '@tarojs/components';
import { RATING_LABELS, TICKET_STATUS_LABELS, type Rating } from '@red-butler/domain';
import type { TimelineEvent } from '../../api/api.types';
import { formatTime } from '../../lib/format.util';
import { PhotoThumb } from '../photo-thumb/photo-thumb';
import { stepActor, stepTitle } from './timeline-wording.util';

/** The facts an event carries beyond its note, in words (who it went to, the rating, the merge). */
export function eventFacts(e: TimelineEvent, plain = false): string[] {
  const d = e.data ?? {};
  const facts: string[] = [];
  // The plain title already says whom it went to.
  if (!plain && (e.action === 'dispatch' || e.action === 'escalate') && typeof d.handlerName === 'string') {
    facts.push(`${d.whistle ? '吹哨至' : '派往'}：${d.handlerName}`);
  }
  if (e.action === 'rate' || e.action === 'visit') {
    const rating = d.rating as Rating | null | undefined;
    if (rating && RATING_LABELS[rating]) facts.push(`评价：${RATING_LABELS[rating]}`);
    if (e.action === 'visit' && d.reached === false) facts.push('电话未接通');
  }
  if (e.action === 'appeal') facts.push('对“不满意”评价提出申诉，待街道裁定');
  if (e.action === 'appeal_decision') {
    facts.push(d.decision === 'upheld' ? '裁定：申诉成立，该评价不计入满意率' : '裁定：申诉驳回，评价维持');
  }
  if (e.action === 'merge' && typeof d.intoTicketNo === 'string') facts.push(`合并至工单 ${d.intoTicketNo}`);
  if (e.action === 'merge' && typeof d.mergedTicketNo === 'string') facts.push(`合并了重复工单 ${d.mergedTicketNo}`);
  if (!plain && e.from && e.from !== e.to) facts.push(`${TICKET_STATUS_LABELS[e.from]} → ${TICKET_STATUS_LABELS[e.to]}`);
  return facts;
}

/**
 * Every step of the ticket, oldest first: what happened, who did it and when, notes and photos.
 * `plain`: for the resident who reported it, everyday words and no status codes.
 */
export function Timeline({ events, plain = false }: { events: TimelineEvent[]; plain?: boolean }) {
  return (
    <View className="timeline">
      {events.map((e, index) => {
        const urls = e.photos.map((p) => p.url);
        return (
          <View className={`timeline__item ${index === events.length - 1 ? 'timeline__item--last' : ''}`} key={e.id} data-testid="timeline-item">
            <View className="timeline__dot" />
            <View className="timeline__body">
              <View className="timeline__head">
                <Text className="timeline__action">{stepTitle(e, plain)}</Text>
                <Text className="timeline__time">{formatTime(e.at)}</Text>
              </View>
              <View className="timeline__who">{stepActor(e)}</View>
              {eventFacts(e, plain).map((f) => (
                <View className="timeline__fact" key={f}>{f}</View>
              ))}
              {e.note && <View className="timeline__note">{e.note}</View>}
              {urls.length > 0 && (
                <View className="photos photos--small">
                  {urls.map((u) => (
                    <View className="photos__item" key={u}>
                      <PhotoThumb url={u} all={urls} />
                    </View>
                  ))}
                </View>
              )}
            </View>
          </View>
        );
      })}
    </View>
  );
}
