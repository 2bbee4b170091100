import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { OwnerLink, RegisterUnit } from '../../api/api.types';
import { registerApi } from '../../api/register.api';
import { useSubmit } from '../../staff/components/use-submit.hook';
import { SelectField } from '../select-field/select-field';

const STATUS_LABELS: Record<OwnerLink['status'], string> = { requested: '待社区确认', verified: '已认证业主', rejected: '未通过认证' };

export interface OwnerUnitsProps {
  mine: OwnerLink[];
  /** The home compound's units (without owners), to choose the one to claim. */
  units: RegisterUnit[];
  onClaimed: (link: OwnerLink) => void;
}

/**
 * 我的房屋: the units the resident is (or asked to be) the verified owner of. Only a verified owner
 * votes; a tenant's request is refused by the community.
 */
export function OwnerUnits({ mine, units, onClaimed }: OwnerUnitsProps) {
  const [unitId, setUnitId] = useState<number>();
  const { busy, problem, setProblem, submit } = useSubmit<OwnerLink>(onClaimed, '已提交，等待社区确认');
  const claimed = new Set(mine.map((l) => l.unit.id));
  const claim = () => {
    if (unitId === undefined) return setProblem('请选择房屋');
    void submit(() => registerApi.claim(unitId));
  };
  return (
    <View className="card owner-units">
      <View className="detail__section-title">我的房屋</View>
      {mine.length === 0 && <View className="muted">还没有认证的房屋。业主认证后才能参加业主大会投票（租户不能投票）。</View>}
      {mine.map((l) => (
        <View key={l.id} className="vote-result__row" data-link={l.id}>
          <Text>{l.unit.compound.name} {l.unit.building} {l.unit.unitNo}</Text>
          <Text className="muted">{STATUS_LABELS[l.status]}</Text>
        </View>
      ))}
      {units.length > 0 && (
        <View>
          <SelectField
            label="申请业主认证"
            placeholder="选择我的房屋"
            testId="claim-unit"
            options={units.filter((u) => !claimed.has(u.id)).map((u) => ({ value: u.id, label: `${u.building.name} ${u.unitNo}` }))}
            value={unitId}
            onChange={setUnitId}
          />
          {problem && <View className="error-text">{problem}</View>}
          <Button className="btn btn--ghost btn--block" disabled={busy} onClick={claim} data-testid="claim-submit">提交认证申请</Button>
        </View>
      )}
    </View>
  );
}
