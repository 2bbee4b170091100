import { Button, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { errorText } from '../../api/api-error';
import type { NearbyQuery, NearbyTicket } from '../../api/api.types';
import { ticketsApi } from '../../api/tickets.api';
import { StatusChip } from '../status-chip/status-chip';

export interface NearbyTicketsProps {
  categoryId?: number;
  lat?: number;
  lng?: number;
  compoundId?: number;
  buildingId?: number;
  /** The resident's point on the compound's plan: tickets within a few metres there. */
  planPoint?: { x: number; y: number };
}

/** Where the match is, in words: 约80米 / 同一楼栋. */
export function nearbyPlace(t: Pick<NearbyTicket, 'distanceM' | 'sameBuilding'>): string {
  if (t.distanceM !== null) return t.distanceM < 10 ? '就在附近' : `约${t.distanceM}米`;
  return t.sameBuilding ? '同一楼栋' : '';
}

/**
 * While a report is written: the open tickets of the same kind within 100 m or in the same building.
 * 也遇到了 follows one instead of filing it again. Advisory only: a failed search shows nothing and
 * never blocks the report.
 */
export function NearbyTickets({ categoryId, lat, lng, compoundId, buildingId, planPoint }: NearbyTicketsProps) {
  const [items, setItems] = useState<NearbyTicket[]>([]);
  const [busyId, setBusyId] = useState<number | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const located = lat !== undefined && lng !== undefined;

  useEffect(() => {
    setItems([]);
    const onPlan = !!planPoint && !!compoundId;
    if (!categoryId || (!located && !buildingId && !onPlan)) return;
    let live = true;
    const q: NearbyQuery = { categoryId };
    if (located) Object.assign(q, { lat, lng });
    if (buildingId) Object.assign(q, { buildingId, compoundId });
    if (onPlan) Object.assign(q, { planX: planPoint.x, planY: planPoint.y, compoundId });
    ticketsApi.nearby(q).then(
      (res) => live && setItems(res.items),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [categoryId, lat, lng, located, compoundId, buildingId, planPoint]);

  const follow = async (t: NearbyTicket) => {
    setBusyId(t.id);
    setProblem(null);
    try {
      const where = { ...(located ? { lat, lng } : {}), ...(buildingId ? { buildingId } : {}) };
      const res = await ticketsApi.follow(t.id, where);
      setItems((all) => all.map((i) => (i.id === t.id ? { ...i, following: true, followerCount: res.followerCount ?? i.followerCount } : i)));
    } catch (error) {
      setProblem(errorText(error));
    } finally {
      setBusyId(null);
    }
  };

  if (items.length === 0) return null;
  return (
    <View className="card nearby" data-testid="nearby-tickets">
      <View className="section-title">附近已有人报过同类问题</View>
      <View className="muted">如果是同一个问题，点“也遇到了”关注它，有进展会通知您，不必重复报事。</View>
      {items.map((t) => (
        <View key={t.id} className="choice" data-nearby={t.id}>
          <View className="choice__title">
            <Text>{t.category.name}</Text> <StatusChip status={t.status} />
            <Text className="muted"> {nearbyPlace(t)}</Text>
          </View>
          <Text className="choice__desc">{t.summary}</Text>
          <View className="muted">
            {t.no}
            {t.followerCount > 0 ? ` · ${t.followerCount}人也遇到了` : ''}
          </View>
          {t.mine ? (
            <Text className="muted">这是您报的</Text>
          ) : t.following ? (
            <Text className="muted" data-testid={`following-${t.id}`}>已关注，有进展会通知您</Text>
          ) : (
            <Button className="btn btn--small" disabled={busyId === t.id} onClick={() => void follow(t)} data-testid={`follow-${t.id}`}>
              也遇到了
            </Button>
          )}
        </View>
      ))}
      {problem && <View className="error-text">{problem}</View>}
    </View>
  );
}
