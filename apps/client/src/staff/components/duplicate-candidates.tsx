import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import type { DuplicateCandidate } from '../../api/api.types';
import { ticketsApi } from '../../api/tickets.api';
import { nearbyPlace } from '../../components/nearby-tickets/nearby-tickets';
import { StatusChip } from '../../components/status-chip/status-chip';
import { formatTime } from '../../lib/format.util';
import type { ActionFormProps } from './form-props.types';
import { useSubmit } from './use-submit.hook';

/**
 * While dispatching: open tickets of the same kind within 100 m or in the same building (last 30
 * days). Merging this ticket into one makes its reporter (and followers) follow that one.
 */
export function DuplicateCandidates({ ticket, onDone }: ActionFormProps) {
  const [items, setItems] = useState<DuplicateCandidate[]>([]);
  const { busy, problem, submit } = useSubmit(() => onDone('updated'), '已合并');

  useEffect(() => {
    let live = true;
    ticketsApi.duplicates(ticket.id).then(
      (res) => live && setItems(res.items),
      () => undefined, // advisory: dispatching goes on without it
    );
    return () => {
      live = false;
    };
  }, [ticket.id]);

  const merge = async (into: DuplicateCandidate) => {
    const answer = await Taro.showModal({ title: '合并工单', content: `将本单合并到 ${into.no}？报事人会收到该工单的后续进展。` });
    if (answer.confirm) await submit(() => ticketsApi.merge(ticket.id, into.id));
  };

  if (items.length === 0) return null;
  return (
    <View className="card" data-testid="duplicate-candidates">
      <View className="section-title">疑似重复（100米内或同一楼栋）</View>
      {items.map((t) => (
        <View key={t.id} className="choice" data-duplicate={t.id}>
          <View className="choice__title">
            <Text>{t.no}</Text> <StatusChip status={t.status} />
            <Text className="muted"> {nearbyPlace(t)}</Text>
          </View>
          <Text className="muted">
            {t.compound.name}{t.building ? ` ${t.building.name}` : ''} · {formatTime(t.createdAt)}
            {t.followerCount > 0 ? ` · ${t.followerCount}人也遇到了` : ''}
          </Text>
          <Text className="choice__desc">{t.description}</Text>
          {ticket.allowedActions.includes('merge') && (
            <Button className="btn btn--small" disabled={busy} onClick={() => void merge(t)} data-testid={`merge-into-${t.id}`}>
              合并到此单
            </Button>
          )}
        </View>
      ))}
      {problem && <View className="error-text">{problem}</View>}
    </View>
  );
}
