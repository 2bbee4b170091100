import { Button, Textarea, View } from '@tarojs/components';
import { NOTICE_TEXT_MAX } from '@red-butler/domain';
import { useState } from 'react';
import { noticesApi } from '../../api/notices.api';
import type { SupervisionNotice } from '../../api/api.types';
import { useSubmit } from './use-submit.hook';

/** 核验: the issuing desk accepts the answer, or rejects it with a reason (the deadline keeps running). */
export function NoticeVerifyForm({ notice, onDone }: { notice: SupervisionNotice; onDone: (n: SupervisionNotice) => void }) {
  const [reason, setReason] = useState('');
  const { busy, problem, setProblem, submit } = useSubmit<SupervisionNotice>(onDone, '已核验');
  const accept = () => void submit(() => noticesApi.verify(notice.id, { verdict: 'accepted', ...(reason.trim() ? { reason: reason.trim() } : {}) }));
  const reject = () => {
    if (reason.trim().length < 2) return setProblem('不通过时请填写原因');
    void submit(() => noticesApi.verify(notice.id, { verdict: 'rejected', reason: reason.trim() }));
  };
  return (
    <View className="card notice-verify">
      <View className="field">
        <View className="field__label">核验意见</View>
        <Textarea className="textarea" placeholder="如：现场核查仍有3处楼道灯不亮" maxlength={NOTICE_TEXT_MAX} value={reason} onInput={(e) => setReason(e.detail.value)} data-testid="verify-reason" />
      </View>
      {problem && <View className="error-text">{problem}</View>}
      <View className="appeal-card__actions">
        <Button className="btn btn--primary" disabled={busy} onClick={accept} data-testid="verify-accept">整改通过</Button>
        <Button className="btn btn--danger" disabled={busy} onClick={reject} data-testid="verify-reject">整改不通过</Button>
      </View>
    </View>
  );
}
