import { Button, Text, Textarea, View } from '@tarojs/components';
import { RATING_LABELS, RATINGS, type Rating } from '@red-butler/domain';
import { useState } from 'react';
import { CallButton } from '../../components/call-button/call-button';
import { ticketsApi } from '../../api/tickets.api';
import type { ActionFormProps } from './form-props.types';
import { useSubmit } from './use-submit.hook';

/** 电话回访: call the reporter, then record whether they answered and how satisfied they are. */
export function VisitForm({ ticket, onDone }: ActionFormProps) {
  const [reached, setReached] = useState<boolean | null>(null);
  const [rating, setRating] = useState<Rating | null>(null);
  const [comment, setComment] = useState('');
  const { busy, problem, setProblem, submit } = useSubmit(() => onDone('updated'), '已记录回访');
  const go = () => {
    if (reached === null) return setProblem('请选择是否联系上居民');
    if (reached && !rating) return setProblem('请选择居民的评价');
    const body = reached ? { reached, rating: rating as Rating, ...(comment.trim() ? { comment: comment.trim() } : {}) } : { reached, ...(comment.trim() ? { comment: comment.trim() } : {}) };
    void submit(() => ticketsApi.visit(ticket.id, body));
  };
  return (
    <View className="card">
      <View className="kv">
        <Text className="kv__k">报事人</Text>
        {/* One call button for both platforms: a tel: link on H5, wx.makePhoneCall in the mini-program. */}
        <Text className="kv__v">{ticket.reporter.displayName} {ticket.reporter.phone ? <CallButton phone={ticket.reporter.phone} /> : '（无电话）'}</Text>
      </View>
      <View className="field">
        <View className="field__label">是否联系上</View>
        <View className="chips">
          <Text className={`chip-option ${reached === true ? 'chip-option--on' : ''}`} onClick={() => setReached(true)} data-reached="yes">已接通</Text>
          <Text className={`chip-option ${reached === false ? 'chip-option--on' : ''}`} onClick={() => (setReached(false), setRating(null))} data-reached="no">未接通</Text>
        </View>
      </View>
      {reached && (
        <View className="field">
          <View className="field__label">居民评价</View>
          <View className="chips">
            {RATINGS.map((r) => (
              <Text key={r} className={`chip-option ${rating === r ? 'chip-option--on' : ''}`} onClick={() => setRating(r)} data-rating={r}>
                {RATING_LABELS[r]}
              </Text>
            ))}
          </View>
          {rating === 'dissatisfied' && <View className="hint">“不满意”将退回原处理单位重新办理。</View>}
        </View>
      )}
      <View className="field">
        <View className="field__label">回访记录（选填）</View>
        <Textarea className="textarea" maxlength={500} value={comment} onInput={(e) => setComment(e.detail.value)} data-testid="comment" />
      </View>
      {problem && <View className="error-text">{problem}</View>}
      <Button className="btn btn--primary btn--block" disabled={busy} onClick={go} data-testid="confirm">保存回访结果</Button>
    </View>
  );
}
