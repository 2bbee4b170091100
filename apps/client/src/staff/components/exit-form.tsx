import { Button, Picker, Text, Textarea, View } from '@tarojs/components';
import { NOTICE_TEXT_MAX, TICKET_STATUS_LABELS, shanghaiDate } from '@red-butler/domain';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { errorText } from '../../api/api-error';
import type { CompanyExit, Organization, SupervisionNotice, Vote } from '../../api/api.types';
import { noticesApi } from '../../api/notices.api';
import { orgApi } from '../../api/org.api';
import { votesApi } from '../../api/votes.api';
import { SelectField } from '../../components/select-field/select-field';
import { useSubmit } from './use-submit.hook';

/** 0 in the successor picker: no successor, dispatch falls back to the district's 国企兜底. */
const FALLBACK = 0;
/** 0 in the vote picker: the exit cites no 业主大会 vote. */
const NO_VOTE = 0;

/** The owners' decisions an exit may cite (the API checks the same): passed votes to dismiss this company or hire the successor. */
export function citableVotes(votes: Vote[], compoundId: number, companyId: number, successorId: number): Vote[] {
  return votes.filter(
    (v) =>
      v.compound.id === compoundId && v.status === 'closed' && v.result?.passed === true &&
      ((v.purpose === 'dismiss_company' && v.purposeCompany?.id === companyId) || (v.purpose === 'hire_company' && successorId !== FALLBACK && v.purposeCompany?.id === successorId)),
  );
}

/**
 * 清退 (district supervisors) after an overdue notice: from the chosen day the company no longer
 * serves the compound; afterwards the compound's open tickets still with it are listed to re-dispatch.
 */
export function ExitForm({ notice, today = shanghaiDate(new Date()) }: { notice: SupervisionNotice; today?: string }) {
  const [compoundId, setCompoundId] = useState<number>(notice.compounds[0]?.id);
  const [effectiveOn, setEffectiveOn] = useState(today);
  const [successor, setSuccessor] = useState<number>(FALLBACK);
  const [reason, setReason] = useState('');
  const [companies, setCompanies] = useState<Organization[]>([]);
  const [votes, setVotes] = useState<Vote[]>([]);
  const [voteId, setVoteId] = useState<number>(NO_VOTE);
  const [done, setDone] = useState<CompanyExit | null>(null);
  const { busy, problem, setProblem, submit } = useSubmit<CompanyExit>(setDone, '已记录清退');
  useEffect(() => {
    orgApi.companies().then(setCompanies, (e) => setProblem(errorText(e)));
  }, []);
  useEffect(() => {
    setVoteId(NO_VOTE);
    votesApi.list(compoundId).then((r) => setVotes(r.items), () => setVotes([]));
  }, [compoundId]);
  const citable = citableVotes(votes, compoundId, notice.company.id, successor);
  const go = () => {
    if (reason.trim().length < 5) return setProblem('请填写清退原因（至少5个字）');
    void submit(() =>
      noticesApi.exit({
        organizationId: notice.company.id, compoundId, effectiveOn, reason: reason.trim(), noticeId: notice.id,
        ...(successor !== FALLBACK ? { successorCompanyId: successor } : {}),
        ...(voteId !== NO_VOTE && citable.some((v) => v.id === voteId) ? { voteId } : {}),
      }),
    );
  };
  if (done) {
    return (
      <View className="card exit-done" data-exit={done.id}>
        <View className="section-title">已清退：{done.compound.name}，自{done.effectiveOn}起{done.successor ? `由${done.successor.name}接管` : '由国企兜底物业接管'}</View>
        <View className="muted">该小区仍由原物业处理的在办工单（{done.openTickets.length}件），请退单后重新派单：</View>
        {done.openTickets.map((t) => (
          <View key={t.id} className="link" data-open-ticket={t.id} onClick={() => void Taro.navigateTo({ url: `/pages/ticket/index?id=${t.id}` })}>
            {t.no}（{TICKET_STATUS_LABELS[t.status]}）
          </View>
        ))}
      </View>
    );
  }
  return (
    <View className="card exit-form">
      <View className="section-title">清退</View>
      <SelectField label="小区" options={notice.compounds.map((c) => ({ value: c.id, label: c.name }))} value={compoundId} onChange={setCompoundId} testId="exit-compound" />
      <View className="field">
        <View className="field__label">清退生效日（该日起不再服务）</View>
        <Picker mode="date" value={effectiveOn} start={today} onChange={(e) => setEffectiveOn(String(e.detail.value))} data-testid="exit-date">
          <View className="select"><Text>{effectiveOn}</Text></View>
        </Picker>
      </View>
      <SelectField
        label="接管物业"
        options={[{ value: FALLBACK, label: '暂无，由国企兜底物业接管' }, ...companies.filter((c) => c.id !== notice.company.id).map((c) => ({ value: c.id, label: c.name }))]}
        value={successor}
        onChange={setSuccessor}
        testId="exit-successor"
      />
      {citable.length > 0 && (
        <SelectField
          label="依据业主大会表决"
          options={[{ value: NO_VOTE, label: '不引用表决' }, ...citable.map((v) => ({ value: v.id, label: `${v.question}（${v.closedAt?.slice(0, 10) ?? ''}通过）` }))]}
          value={voteId}
          onChange={setVoteId}
          testId="exit-vote"
        />
      )}
      <View className="field">
        <View className="field__label">清退原因</View>
        <Textarea className="textarea" placeholder="如：限期整改逾期未完成，经研究予以清退" maxlength={NOTICE_TEXT_MAX} value={reason} onInput={(e) => setReason(e.detail.value)} data-testid="exit-reason" />
      </View>
      {problem && <View className="error-text">{problem}</View>}
      <Button className="btn btn--block btn--danger" disabled={busy} onClick={go} data-testid="exit-submit">确认清退</Button>
    </View>
  );
}
