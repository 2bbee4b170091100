import { Button, View } from '@tarojs/components';
import { BALLOT_CHANNEL_LABELS, type BallotChannel } from '@red-butler/domain';
import { useEffect, useState } from 'react';
import { errorText } from '../../api/api-error';
import type { Ballot, RegisterUnit, Vote } from '../../api/api.types';
import { votesApi } from '../../api/votes.api';
import { SelectField } from '../../components/select-field/select-field';
import { useSubmit } from './use-submit.hook';

const CHANNELS: BallotChannel[] = ['paper', 'on_site'];

/**
 * 书面表决票 / 现场投票: the 业委会 or community staff enter an owner's ballot for a unit of the
 * register. The API records the channel and who entered it; a later ballot for the unit replaces it.
 */
export function PaperBallotForm({ vote, onCast }: { vote: Vote; onCast: (ballot: Ballot) => void }) {
  const [units, setUnits] = useState<RegisterUnit[]>([]);
  const [unitId, setUnitId] = useState<number>();
  const [option, setOption] = useState<number>();
  const [channel, setChannel] = useState<BallotChannel>('paper');
  const { busy, problem, setProblem, submit } = useSubmit<Ballot>(onCast, '已录入');
  useEffect(() => {
    votesApi.register(vote.compound.id).then((r) => setUnits(r.items), (e) => setProblem(errorText(e)));
  }, [vote.compound.id]);
  const send = () => {
    if (unitId === undefined) return setProblem('请选择房屋');
    if (option === undefined) return setProblem('请选择表决意见');
    void submit(() => votesApi.cast(vote.id, unitId, option, channel));
  };
  return (
    <View className="card paper-ballot">
      <View className="detail__section-title">录入书面 / 现场投票</View>
      <SelectField
        label="房屋"
        testId="paper-unit"
        options={units.map((u) => ({ value: u.id, label: `${u.building.name} ${u.unitNo}`, hint: u.ownerName ?? (u.sold === false ? '开发建设单位' : undefined) }))}
        value={unitId}
        onChange={setUnitId}
      />
      <SelectField label="表决意见" testId="paper-option" options={vote.options.map((label, i) => ({ value: i, label }))} value={option} onChange={setOption} />
      <SelectField label="方式" testId="paper-channel" options={CHANNELS.map((c) => ({ value: c, label: BALLOT_CHANNEL_LABELS[c] }))} value={channel} onChange={setChannel} />
      {problem && <View className="error-text">{problem}</View>}
      <Button className="btn btn--primary btn--block" disabled={busy} onClick={send} data-testid="paper-submit">录入</Button>
    </View>
  );
}
