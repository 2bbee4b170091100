import { Button, Input, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { errorText } from '../../api/api-error';
import type { Compound, HouseholdBinding } from '../../api/api.types';
import { orgApi } from '../../api/org.api';
import { householdsApi } from '../../api/people.api';
import { SelectField } from '../select-field/select-field';

const TENURES = [{ value: 'owner' as const, label: '业主' }, { value: 'tenant' as const, label: '租户' }];

/** 绑定房屋: the resident names compound, building and 房号, as owner or tenant; the community confirms. */
export function HouseholdForm({ onRequested }: { onRequested: (b: HouseholdBinding) => void }) {
  const [compounds, setCompounds] = useState<Compound[]>([]);
  const [compoundId, setCompoundId] = useState<number>();
  const [buildingId, setBuildingId] = useState<number>();
  const [room, setRoom] = useState('');
  const [tenure, setTenure] = useState<HouseholdBinding['tenure']>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    orgApi.compounds().then(setCompounds, (e) => setProblem(errorText(e)));
  }, []);
  const compound = compounds.find((c) => c.id === compoundId);
  const send = async () => {
    if (!compoundId || !buildingId) return setProblem('请选择小区和楼栋');
    if (!room.trim()) return setProblem('请填写房号（如 2-601）');
    if (!tenure) return setProblem('请选择您是业主还是租户');
    setBusy(true);
    setProblem(null);
    try {
      onRequested(await householdsApi.request({ compoundId, buildingId, room: room.trim(), tenure }));
      setRoom('');
    } catch (error) {
      setProblem(errorText(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className="card household-form">
      <View className="detail__section-title">绑定房屋</View>
      <SelectField label="小区" testId="household-compound" options={compounds.map((c) => ({ value: c.id, label: c.name }))} value={compoundId} onChange={(id) => (setCompoundId(id), setBuildingId(undefined))} />
      <SelectField label="楼栋" testId="household-building" options={(compound?.buildings ?? []).map((b) => ({ value: b.id, label: b.name }))} value={buildingId} onChange={setBuildingId} />
      <View className="field">
        <View className="field__label">房号</View>
        <Input className="input" value={room} placeholder="单元-室，如 2-601（业主请按房产证填写）" onInput={(e) => setRoom(e.detail.value)} data-testid="household-room" />
      </View>
      <SelectField label="身份" testId="household-tenure" options={TENURES} value={tenure} onChange={setTenure} />
      {problem && <View className="error-text">{problem}</View>}
      <Button className="btn btn--primary btn--block" disabled={busy} onClick={() => void send()} data-testid="household-submit">提交申请</Button>
    </View>
  );
}
