import { Button, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import type { Vote } from '../../api/api.types';
import { votesApi } from '../../api/votes.api';
import { useSubmit } from './use-submit.hook';

/** 社区审核: approve (the vote opens at its start) or reject with a reason the 业委会 reads. */
export function VoteReview({ vote, onReviewed }: { vote: Vote; onReviewed: (vote: Vote) => void }) {
  const [note, setNote] = useState('');
  const { busy, problem, setProblem, submit } = useSubmit<Vote>(onReviewed, '已审核');
  const reject = () => {
    if (!note.trim()) return setProblem('请填写不通过的理由');
    void submit(() => votesApi.review(vote.id, 'reject', note.trim()));
  };
  return (
    <View className="card vote-review">
      <View className="detail__section-title">社区审核</View>
      <Textarea className="textarea" placeholder="审核意见（不通过时必填）" maxlength={500} value={note} onInput={(e) => setNote(e.detail.value)} data-testid="review-note" />
      {problem && <View className="error-text">{problem}</View>}
      <View className="appeal-card__actions">
        <Button className="btn btn--primary" disabled={busy} onClick={() => void submit(() => votesApi.review(vote.id, 'approve', note.trim() || undefined))}>审核通过</Button>
        <Button className="btn btn--danger" disabled={busy} onClick={reject}>不通过</Button>
      </View>
    </View>
  );
}
