import { Button, Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { errorText } from '../../../api/api-error';
import type { HouseholdBinding } from '../../../api/api.types';
import { householdsApi } from '../../../api/people.api';
import { EmptyState } from '../../../components/empty-state/empty-state';

const TENURE: Record<HouseholdBinding['tenure'], string> = { owner: '业主', tenant: '租户' };

/** 居民绑定申请: community staff approve, or refuse with a reason the resident reads. */
export function HouseholdRequests({ requests, onDecided }: { requests: HouseholdBinding[]; onDecided: (b: HouseholdBinding) => void }) {
  const [refusing, setRefusing] = useState<number | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const decide = async (id: number, decision: 'approved' | 'refused') => {
    if (decision === 'refused' && reason.trim().length < 2) return setProblem('请填写不通过的原因');
    setBusy(true);
    setProblem(null);
    try {
      onDecided(await householdsApi.decide(id, decision, decision === 'refused' ? reason.trim() : undefined));
      setRefusing(null);
      setReason('');
    } catch (error) {
      setProblem(errorText(error));
    } finally {
      setBusy(false);
    }
  };
  if (requests.length === 0) return <EmptyState text="没有待审核的绑定申请" />;
  return (
    <View className="household-requests">
      {requests.map((r) => (
        <View key={r.id} className="card" data-request={r.id}>
          <View>
            <Text className="person-list__name">{r.user.displayName}</Text>
            <Text className="status-chip">{TENURE[r.tenure]}</Text>
          </View>
          <View className="muted">{r.compound.name} {r.building.name} {r.unit?.unitNo ?? r.room ?? ''}</View>
          {refusing === r.id && (
            <Input className="input" value={reason} placeholder="不通过的原因（居民可见）" onInput={(e) => setReason(e.detail.value)} data-testid="refuse-reason" />
          )}
          <View className="appeal-card__actions">
            <Button className="btn btn--primary btn--small" disabled={busy} onClick={() => void decide(r.id, 'approved')}>通过</Button>
            {refusing === r.id ? (
              <Button className="btn btn--danger btn--small" disabled={busy} onClick={() => void decide(r.id, 'refused')}>确认不通过</Button>
            ) : (
              <Button className="btn btn--ghost btn--small" disabled={busy} onClick={() => (setRefusing(r.id), setProblem(null))}>不通过</Button>
            )}
          </View>
        </View>
      ))}
      {problem && <View className="error-text">{problem}</View>}
    </View>
  );
}
