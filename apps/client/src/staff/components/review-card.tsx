import { Button, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import type { Disclosure, NoticeDraft } from '../../api/api.types';
import { disclosuresApi } from '../../api/disclosures.api';
import { DisclosureView } from '../../components/disclosure-view/disclosure-view';
import { NoticeCard } from '../../components/notice-card/notice-card';
import { useSubmit } from './use-submit.hook';

export type ReviewItem = { kind: 'disclosure'; item: Disclosure } | { kind: 'notice'; item: NoticeDraft };

/**
 * 社区审核 of a 五公开 version or a 公示栏 draft: approve, or reject with a reason. A colleague who
 * reviewed first makes this one 409; the message says so and the list reloads.
 */
export function ReviewCard({ review, onDone }: { review: ReviewItem; onDone: () => void }) {
  const [note, setNote] = useState('');
  const { busy, problem, setProblem, submit } = useSubmit<unknown>(onDone, '已审核');
  const decide = (decision: 'approve' | 'reject') => {
    if (decision === 'reject' && !note.trim()) return setProblem('退回时请写明原因');
    const reason = note.trim() || undefined;
    void submit(() => (review.kind === 'disclosure' ? disclosuresApi.review(review.item.id, decision, reason) : disclosuresApi.reviewNotice(review.item.id, decision, reason)));
  };
  const n = review.kind === 'notice' ? review.item : null;
  return (
    <View className="review-card" data-review={`${review.kind}-${review.item.id}`}>
      <View className="page-head">{review.kind === 'disclosure' ? `五公开 · ${review.item.compound.name}` : `公示栏 · ${review.item.compound.name}`}</View>
      {review.kind === 'disclosure' && <DisclosureView disclosure={review.item} />}
      {n && (
        <NoticeCard
          notice={{
            id: n.id, kind: n.kind, title: n.title, body: n.body, voteId: null, correctsId: n.correctsId, correctedById: null,
            data: { month: n.month, amounts: n.amounts, total: n.total, attachmentIds: n.attachmentIds, attachments: n.attachments }, publishedAt: n.drafted.at,
          }}
        />
      )}
      <Textarea className="textarea" placeholder="退回原因（退回时必填）" value={note} onInput={(e) => setNote(e.detail.value)} data-testid="review-note" />
      {problem && <View className="error-text">{problem}</View>}
      <View className="action-row">
        <Button className="btn btn--primary" disabled={busy} onClick={() => decide('approve')} data-testid="review-approve">审核通过</Button>
        <Button className="btn" disabled={busy} onClick={() => decide('reject')} data-testid="review-reject">退回</Button>
      </View>
    </View>
  );
}
