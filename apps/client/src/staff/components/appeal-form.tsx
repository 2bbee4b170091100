import { Button, Textarea, View } from '@tarojs/components';
import { APPEAL_REASON_MAX, APPEAL_REASON_MIN } from '@red-butler/domain';
import { useState } from 'react';
import { appealsApi } from '../../api/appeals.api';
import type { Appeal } from '../../api/api.types';
import { useSubmit } from './use-submit.hook';

export interface AppealFormProps {
  ticketId: number;
  ratingEventId: number;
  onDone: (appeal: Appeal) => void;
}

/** 申诉: why the 不满意 was unreasonable, 5–500 characters, for the street to decide. */
export function AppealForm({ ticketId, ratingEventId, onDone }: AppealFormProps) {
  const [reason, setReason] = useState('');
  const { busy, problem, setProblem, submit } = useSubmit<Appeal>(onDone, '已提交申诉');
  const go = () => {
    const text = reason.trim();
    if (text.length < APPEAL_REASON_MIN) return setProblem(`请填写申诉理由（至少${APPEAL_REASON_MIN}个字）`);
    void submit(() => appealsApi.file(ticketId, text, ratingEventId));
  };
  return (
    <View className="card">
      <View className="field">
        <View className="field__label">申诉理由</View>
        <Textarea
          className="textarea"
          placeholder="如：居民要求更换整栋楼的水管，超出本次报修范围；已按报修内容修复并留有照片"
          maxlength={APPEAL_REASON_MAX}
          value={reason}
          onInput={(e) => setReason(e.detail.value)}
          data-testid="reason"
        />
      </View>
      <View className="hint">申诉由街道裁定；申诉成立的“不满意”评价不计入满意率。每条评价只能申诉一次。</View>
      {problem && <View className="error-text">{problem}</View>}
      <Button className="btn btn--primary btn--block" disabled={busy} onClick={go} data-testid="confirm">提交申诉</Button>
    </View>
  );
}
