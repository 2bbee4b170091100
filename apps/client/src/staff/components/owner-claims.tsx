import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { errorText } from '../../api/api-error';
import type { OwnerLink } from '../../api/api.types';
import { registerApi } from '../../api/register.api';

/** 业主认证审核: community staff confirm a resident as owner (they saw the 房产证) or refuse (a tenant). */
export function OwnerClaims({ claims, onDecided }: { claims: OwnerLink[]; onDecided: (link: OwnerLink) => void }) {
  const [busy, setBusy] = useState<number | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const decide = async (id: number, decision: 'verified' | 'rejected') => {
    setBusy(id);
    setProblem(null);
    try {
      onDecided(await registerApi.decide(id, decision));
    } catch (error) {
      setProblem(errorText(error));
    } finally {
      setBusy(null);
    }
  };
  return (
    <View className="card owner-claims">
      <View className="detail__section-title">业主认证申请（{claims.length}）</View>
      {claims.length === 0 && <View className="muted">没有待确认的申请</View>}
      {claims.map((c) => (
        <View key={c.id} className="ballot-form__unit" data-claim={c.id}>
          <Text className="ballot-form__label">{c.user.displayName} · {c.unit.building} {c.unit.unitNo}</Text>
          <View className="appeal-card__actions">
            <Button className="btn btn--primary btn--small" disabled={busy !== null} onClick={() => void decide(c.id, 'verified')}>确认业主</Button>
            <Button className="btn btn--danger btn--small" disabled={busy !== null} onClick={() => void decide(c.id, 'rejected')}>不是业主</Button>
          </View>
        </View>
      ))}
      {problem && <View className="error-text">{problem}</View>}
    </View>
  );
}
