import { Button, Text, Textarea, View } from '@tarojs/components';
import { APPEAL_NOTE_MAX, APPEAL_STATUS_LABELS, RATING_LABELS, type AppealDecision as Decision } from '@red-butler/domain';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { appealsApi } from '../../api/appeals.api';
import type { Appeal } from '../../api/api.types';
import { formatTime } from '../../lib/format.util';
import { useSubmit } from './use-submit.hook';

export interface AppealDecisionProps {
  appeal: Appeal;
  onDecided: (appeal: Appeal) => void;
}

/** One appeal as the street reads it: the rating, the handler's reason, and 成立 / 驳回 with a note. */
export function AppealDecisionCard({ appeal, onDecided }: AppealDecisionProps) {
  const [note, setNote] = useState('');
  const { busy, problem, setProblem, submit } = useSubmit<Appeal>(onDecided, '已裁定');
  const decide = (decision: Decision) => {
    if (!note.trim()) return setProblem('请填写裁定意见');
    void submit(() => appealsApi.decide(appeal.id, decision, note.trim()));
  };
  const open = () => void Taro.navigateTo({ url: `/pages/ticket/index?id=${appeal.ticket.id}` });
  return (
    <View className="card appeal-card" data-appeal={appeal.id}>
      <View className="ticket-card__head" onClick={open}>
        <Text className="ticket-card__title">{appeal.ticket.category}</Text>
        <Text className="chip chip--submitted">{APPEAL_STATUS_LABELS[appeal.status]}</Text>
      </View>
      <View className="ticket-card__meta" onClick={open}>
        <Text>{appeal.ticket.compound} · {appeal.ticket.no}</Text>
      </View>
      <View className="muted">居民评价：{RATING_LABELS[appeal.rating]}（{formatTime(appeal.ratedAt)}）{appeal.ratingComment ? `“${appeal.ratingComment}”` : ''}</View>
      <View className="muted">申诉单位：{appeal.handler.name} · {appeal.filedBy.displayName} · {formatTime(appeal.filedAt)}</View>
      <View className="timeline__note">{appeal.reason}</View>
      {appeal.decisionNote && <View className="muted">裁定意见：{appeal.decisionNote}（{appeal.decidedBy?.displayName}）</View>}
      {appeal.canDecide && (
        <View>
          <Textarea className="textarea" placeholder="裁定意见，如：经核实，居民诉求超出报修范围" maxlength={APPEAL_NOTE_MAX} value={note} onInput={(e) => setNote(e.detail.value)} data-testid="note" />
          {problem && <View className="error-text">{problem}</View>}
          <View className="appeal-card__actions">
            <Button className="btn btn--primary" disabled={busy} onClick={() => decide('upheld')}>申诉成立</Button>
            <Button className="btn btn--danger" disabled={busy} onClick={() => decide('denied')}>驳回申诉</Button>
          </View>
        </View>
      )}
    </View>
  );
}
