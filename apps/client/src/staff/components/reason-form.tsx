import { Button, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import { ticketsApi } from '../../api/tickets.api';
import type { ActionFormProps } from './form-props.types';
import { useSubmit } from './use-submit.hook';

const COPY = {
  return: { title: '退单原因', placeholder: '如：该问题属于市政管网，不在物业服务范围内', done: '已退单', button: '确认退单' },
  reject: { title: '不予受理的原因', placeholder: '如：属于业主家庭内部维修，不属于公共报事', done: '已不予受理', button: '确认不予受理' },
  // Where the policy needs the community's approval the answer is a pending 挂起申请, hence the neutral toast.
  pause: { title: '挂起原因', placeholder: '如：需等待配件到货 / 居民外出，约定下周上门', done: '已提交挂起', button: '确认挂起' },
} as const;

type ReasonAction = keyof typeof COPY;

const CALL: Record<ReasonAction, (id: number, reason: string) => Promise<unknown>> = {
  return: (id, reason) => ticketsApi.return(id, reason),
  reject: (id, reason) => ticketsApi.reject(id, reason),
  pause: (id, reason) => ticketsApi.pause(id, reason),
};

/** 退单 and 挂起 (handler), 不予受理 (community): each needs a reason of at least 2 characters. */
export function ReasonForm({ ticket, onDone, action }: ActionFormProps & { action: ReasonAction }) {
  const copy = COPY[action];
  const [reason, setReason] = useState('');
  const { busy, problem, setProblem, submit } = useSubmit<unknown>(
    (res) => onDone(res && typeof res === 'object' && 'returned' in res ? 'returned' : 'updated'),
    copy.done,
  );
  const go = () => {
    if (reason.trim().length < 2) return setProblem('请填写原因（至少2个字）');
    void submit(() => CALL[action](ticket.id, reason.trim()));
  };
  return (
    <View className="card">
      <View className="field">
        <View className="field__label">{copy.title}</View>
        <Textarea className="textarea" placeholder={copy.placeholder} maxlength={500} value={reason} onInput={(e) => setReason(e.detail.value)} data-testid="reason" />
      </View>
      {problem && <View className="error-text">{problem}</View>}
      <Button className={`btn btn--block ${action === 'pause' ? 'btn--primary' : 'btn--danger'}`} disabled={busy} onClick={go} data-testid="confirm">{copy.button}</Button>
    </View>
  );
}
