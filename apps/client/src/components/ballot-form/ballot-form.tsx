import { Button, Text, View } from '@tarojs/components';
import { BALLOT_CHANNEL_LABELS } from '@red-butler/domain';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { errorText } from '../../api/api-error';
import type { Ballot, Vote } from '../../api/api.types';
import { votesApi } from '../../api/votes.api';

export interface BallotFormProps {
  vote: Vote;
  onCast: (ballot: Ballot) => void;
}

/**
 * The owner's ballot, one per unit they are verified for: each option a button; the current choice
 * is marked and may be changed until the window closes (the later ballot replaces the earlier one).
 * A unit that joined the register after the vote was approved has no vote in it: said, no buttons.
 */
export function BallotForm({ vote, onCast }: BallotFormProps) {
  const [busy, setBusy] = useState<number | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const cast = async (unitId: number, option: number) => {
    setBusy(unitId);
    setProblem(null);
    try {
      const ballot = await votesApi.cast(vote.id, unitId, option);
      void Taro.showToast({ title: ballot.replaced ? '已更改投票' : '投票成功', icon: 'success' });
      onCast(ballot);
    } catch (error) {
      setProblem(errorText(error));
    } finally {
      setBusy(null);
    }
  };
  return (
    <View className="card ballot-form">
      <View className="detail__section-title">我的投票</View>
      {vote.myUnits.map((u) => (
        <View key={u.unitId} className="ballot-form__unit" data-unit={u.unitId}>
          <Text className="ballot-form__label">{u.label}</Text>
          {u.ballot && (
            <Text className="muted" data-testid="my-choice">
              已选“{vote.options[u.ballot.option]}”（{BALLOT_CHANNEL_LABELS[u.ballot.channel]}）
            </Text>
          )}
          {!u.inElectorate && (
            <View className="muted" data-testid="not-in-electorate">
              本次表决公告时名册中还没有这户，不能参加本次表决
            </View>
          )}
          {u.inElectorate && (
            <View className="ballot-form__options">
              {vote.options.map((label, option) => (
                <Button
                  key={option}
                  className={`btn btn--small ${u.ballot?.option === option ? 'btn--primary' : 'btn--ghost'}`}
                  disabled={busy !== null}
                  onClick={() => void cast(u.unitId, option)}
                  data-option={option}
                >
                  {label}
                </Button>
              ))}
            </View>
          )}
        </View>
      ))}
      <View className="muted">每户一票；投票结束前可以更改，以最后一次为准。</View>
      {problem && <View className="error-text">{problem}</View>}
    </View>
  );
}
