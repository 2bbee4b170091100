import { Button, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { errorText } from '../../api/api-error';
import type { DuplicateCandidate, TicketSummary } from '../../api/api.types';
import { ticketsApi } from '../../api/tickets.api';
import { nearbyPlace } from '../../components/nearby-tickets/nearby-tickets';
import { StatusChip } from '../../components/status-chip/status-chip';
import { formatTime } from '../../lib/format.util';
import type { ActionFormProps } from './form-props.types';
import { useSubmit } from './use-submit.hook';

/**
 * Merge a duplicate into another open ticket of the same category in the same community: the
 * nearby candidates (100 m or same building) first, then the community's other open tickets of the kind.
 */
export function MergeForm({ ticket, onDone }: ActionFormProps) {
  const [candidates, setCandidates] = useState<TicketSummary[] | null>(null);
  const [intoId, setIntoId] = useState<number | null>(null);
  const { busy, problem, setProblem, submit } = useSubmit(() => onDone('updated'), '已合并');
  useEffect(() => {
    Promise.all([
      ticketsApi.duplicates(ticket.id).then((res) => res.items, () => [] as DuplicateCandidate[]),
      ticketsApi.list({ status: ['submitted', 'dispatched', 'accepted'], categoryId: ticket.category.id, communityId: ticket.communityId, limit: 50 }),
    ]).then(([near, page]) => {
      const nearIds = new Set(near.map((t) => t.id));
      setCandidates([...near, ...page.items.filter((t) => t.id !== ticket.id && !nearIds.has(t.id))]);
    }, (e) => setProblem(errorText(e)));
  }, [ticket, setProblem]);
  return (
    <View className="card">
      <View className="section-title">合并到哪条工单？</View>
      {candidates?.length === 0 && <View className="muted">本社区没有同类的办理中工单</View>}
      {candidates?.map((t) => (
        <View key={t.id} className={`choice ${intoId === t.id ? 'choice--on' : ''}`} onClick={() => setIntoId(t.id)} data-candidate={t.id}>
          <View className="choice__title">
            <Text>{t.no}</Text> <StatusChip status={t.status} />
          </View>
          <Text className="muted">
            {t.compound.name} · {formatTime(t.createdAt)}
            {'distanceM' in t && nearbyPlace(t as DuplicateCandidate) ? ` · 疑似重复，${nearbyPlace(t as DuplicateCandidate)}` : ''}
          </Text>
          <Text className="choice__desc">{t.description}</Text>
        </View>
      ))}
      {problem && <View className="error-text">{problem}</View>}
      <Button className="btn btn--primary btn--block" disabled={busy || !intoId} onClick={() => intoId && void submit(() => ticketsApi.merge(ticket.id, intoId))} data-testid="confirm">
        确认合并
      </Button>
    </View>
  );
}
