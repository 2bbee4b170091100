import { Text, View } from '@tarojs/components';
import { buildingAt } from '@red-butler/domain';
import { useMemo } from 'react';
import type { SitePlanDoc } from '../../api/api.types';
import type { XY } from '../../lib/site-plan-tap.util';
import { SitePlanImage } from './site-plan-image';

export interface PlanPick {
  planPoint?: XY;
  buildingId?: number;
}

export interface SitePlanPickerProps {
  plan: SitePlanDoc;
  value?: XY;
  buildingId?: number;
  /** Shown under the plan when it came from the device without a network. */
  offline?: boolean;
  onChange: (pick: PlanPick) => void;
}

/**
 * 在平面图上点选位置: the resident taps where the problem is; a pin shows, and the building drawn
 * under the tap becomes the ticket's building (none when the tap is on open ground: a manhole on
 * the road is nobody's building).
 */
export function SitePlanPicker({ plan, value, buildingId, offline, onChange }: SitePlanPickerProps) {
  const drawing = useMemo(() => ({ marker: value, highlightBuildingId: buildingId }), [value, buildingId]);
  const label = plan.buildings.find((b) => b.buildingId === buildingId)?.label;
  return (
    <View className="field site-plan-picker">
      <View className="field__label">在小区平面图上点选位置</View>
      <SitePlanImage
        id="site-plan-picker"
        plan={plan}
        drawing={drawing}
        onTapPlan={(p) => onChange({ planPoint: p, buildingId: buildingAt(plan, p)?.buildingId })}
      />
      <View className="hint" data-testid="plan-pick">
        {value ? `已标记：${label ?? '楼栋之外（道路、绿地等）'}` : '点一下平面图上出问题的地方'}
        {value && (
          <Text className="link" onClick={() => onChange({})}>
            {' '}清除标记
          </Text>
        )}
      </View>
      {offline && <View className="muted">离线：使用手机上保存的平面图</View>}
    </View>
  );
}
