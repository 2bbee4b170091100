import { Text, View } from '@tarojs/components';
import { TICKET_STATUS_LABELS } from '@red-butler/domain';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useMemo, useState } from 'react';
import type { Compound, PlanPin } from '../../../api/api.types';
import { orgApi } from '../../../api/org.api';
import { loadCompoundPlan, sitePlansApi } from '../../../api/site-plans.api';
import { EmptyState } from '../../../components/empty-state/empty-state';
import { Screen } from '../../../components/screen/screen';
import { SelectField } from '../../../components/select-field/select-field';
import { SitePlanImage } from '../../../components/site-plan/site-plan-image';
import { useSignedIn } from '../../../hooks/use-me.hook';
import { useScreenData } from '../../../hooks/use-screen-data.hook';
import { PIN_LEGEND, pinColor } from '../../../lib/plan-pin.util';
import { nearestPin } from '../../../lib/site-plan-tap.util';

/** How far from a pin (screen px) a tap still opens it: a fingertip. */
const TAP_RADIUS_PX = 18;

const openTicket = (id: number) => void Taro.navigateTo({ url: `/pages/ticket/index?id=${id}` });

/**
 * 平面图看板: the open tickets of one compound as pins on its plan, for community staff and property
 * managers (from the 派单 queue and the inbox). Red overdue, orange warned, else by status; a tap on
 * a pin (or on its row below) opens the ticket.
 */
export default function PlanMapPage() {
  const me = useSignedIn();
  const router = useRouter();
  const [compounds, setCompounds] = useState<Compound[] | null>(null);
  const [picked, setPicked] = useState<number | undefined>(router.params.compoundId ? Number(router.params.compoundId) : undefined);
  useEffect(() => {
    if (me) orgApi.compounds().then(setCompounds, () => setCompounds([]));
  }, [me]);
  const compoundId = picked ?? compounds?.[0]?.id;
  const { data, problem } = useScreenData(
    async () => {
      if (!compoundId) return null;
      const [loaded, pins] = await Promise.all([loadCompoundPlan(compoundId), sitePlansApi.pins(compoundId)]);
      return { plan: loaded.plan?.plan ?? null, pins: pins.items, compoundId };
    },
    !!me && !!compoundId,
  );
  // A stale answer for the compound picked before must not show under the new name.
  const shown = data && data.compoundId === compoundId ? data : null;
  const drawing = useMemo(
    () => ({ pins: (shown?.pins ?? []).map((p) => ({ x: p.planPoint.x, y: p.planPoint.y, color: pinColor(p) })) }),
    [shown],
  );
  const pins: PlanPin[] = shown?.pins ?? [];

  return (
    <Screen>
      {compounds && compounds.length > 1 && (
        <View className="card">
          <SelectField
            label="小区"
            options={compounds.map((c) => ({ value: c.id, label: c.name, hint: c.communityName }))}
            value={compoundId}
            onChange={setPicked}
            testId="plan-compound"
          />
        </View>
      )}
      {problem && <View className="error-text">{problem}</View>}
      {compounds && compounds.length === 0 && <EmptyState text="没有可查看的小区" />}
      {shown && !shown.plan && <EmptyState text="该小区还没有平面图" />}
      {shown?.plan && (
        <View className="card">
          <View className="section-title">{compounds?.find((c) => c.id === compoundId)?.name} · 未办结 {pins.length} 件</View>
          <SitePlanImage
            id="plan-map"
            plan={shown.plan}
            drawing={drawing}
            onTapPlan={(p, unitsPerPx) => {
              const hit = nearestPin(pins, p, TAP_RADIUS_PX * unitsPerPx);
              if (hit) openTicket(hit.id);
            }}
          />
          <View className="plan-legend">
            {PIN_LEGEND.map((l) => (
              <Text key={l.label} className="plan-legend__item">
                <Text className="plan-legend__dot" style={{ backgroundColor: l.color }} />
                {l.label}
              </Text>
            ))}
          </View>
        </View>
      )}
      {pins.map((p) => (
        <View key={p.id} className="card plan-pin-row" onClick={() => openTicket(p.id)} data-pin-id={p.id}>
          <Text className="plan-legend__dot" style={{ backgroundColor: pinColor(p) }} />
          <Text>{p.category.name}</Text>
          <Text className="muted"> {p.building?.name ?? '楼栋之外'} · {p.overdue ? '已超期' : p.warned ? '临近时限' : TICKET_STATUS_LABELS[p.status]} · {p.no}</Text>
        </View>
      ))}
      {shown?.plan && pins.length === 0 && <EmptyState text="平面图上暂无未办结的工单" />}
    </Screen>
  );
}
