import { Button, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import { ticketsApi } from '../../api/tickets.api';
import { formatTime } from '../../lib/format.util';
import type { ActionFormProps } from './form-props.types';
import { useSubmit } from './use-submit.hook';

/** 挂起审批: the community approves (the resolve clock stops) or refuses the handler's 挂起申请. */
export function PauseDecisionForm({ ticket, onDone }: ActionFormProps) {
  const [note, setNote] = useState('');
  const { busy, problem, submit } = useSubmit(() => onDone('updated'), '已审批');
  const request = ticket.pauseRequest;
  if (!request) return <View className="card muted">没有待审批的挂起申请</View>;
  const decide = (approve: boolean) => void submit(() => ticketsApi.pauseDecision(ticket.id, approve, note.trim() || undefined));
  return (
    <View className="card" data-testid="pause-decision">
      <View>{request.requestedBy} 于 {formatTime(request.requestedAt)} 申请挂起：{request.reason}</View>
      <Textarea className="textarea" placeholder="审批意见（选填）" maxlength={200} value={note} onInput={(e) => setNote(e.detail.value)} data-testid="note" />
      {problem && <View className="error-text">{problem}</View>}
      <Button className="btn btn--primary btn--block" disabled={busy} onClick={() => decide(true)} data-testid="approve">同意挂起（暂停计时）</Button>
      <Button className="btn btn--ghost btn--block" disabled={busy} onClick={() => decide(false)} data-testid="refuse">不同意，继续办理</Button>
    </View>
  );
}
