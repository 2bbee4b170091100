import { Button, Input, Textarea, View } from '@tarojs/components';
import { NOTICE_DAYS_MAX, NOTICE_TEXT_MAX } from '@red-butler/domain';
import { useEffect, useState } from 'react';
import { errorText } from '../../api/api-error';
import type { Compound, Organization, SupervisionNotice } from '../../api/api.types';
import { noticesApi } from '../../api/notices.api';
import { orgApi } from '../../api/org.api';
import { SelectField } from '../../components/select-field/select-field';
import { useSubmit } from './use-submit.hook';

/** 0 in the compound picker: every compound the company serves in the issuer's scope. */
const ALL = 0;

/** Ticket ids typed as "12, 15 18": digits only, anything else is a typo to point out. */
export function parseTicketIds(text: string): number[] | null {
  const parts = text.split(/[\s,，、]+/).filter(Boolean);
  if (parts.some((p) => !/^\d{1,9}$/.test(p))) return null;
  return [...new Set(parts.map(Number))];
}

/** 下发督导通知: company, compound (or all it serves here), problem, expected result, working days. */
export function NoticeIssueForm({ onDone }: { onDone: (n: SupervisionNotice) => void }) {
  const [companies, setCompanies] = useState<Organization[]>([]);
  const [compounds, setCompounds] = useState<Compound[]>([]);
  const [companyId, setCompanyId] = useState<number>();
  const [compoundId, setCompoundId] = useState<number>(ALL);
  const [problem, setProblemText] = useState('');
  const [expected, setExpected] = useState('');
  const [days, setDays] = useState('5');
  const [tickets, setTickets] = useState('');
  const { busy, problem: error, setProblem, submit } = useSubmit<SupervisionNotice>(onDone, '督导通知已下发');
  useEffect(() => {
    Promise.all([orgApi.companies(), orgApi.compounds()]).then(([a, b]) => (setCompanies(a), setCompounds(b)), (e) => setProblem(errorText(e)));
  }, []);
  const go = () => {
    const workingDays = Number(days);
    const ticketIds = parseTicketIds(tickets);
    if (!companyId) return setProblem('请选择物业公司');
    if (problem.trim().length < 5) return setProblem('请填写存在的问题（至少5个字）');
    if (expected.trim().length < 5) return setProblem('请填写整改要求（至少5个字）');
    if (!Number.isInteger(workingDays) || workingDays < 1 || workingDays > NOTICE_DAYS_MAX) return setProblem(`整改期限为1–${NOTICE_DAYS_MAX}个工作日`);
    if (!ticketIds) return setProblem('关联工单请填写工单ID，用逗号分隔');
    void submit(() =>
      noticesApi.issue({
        organizationId: companyId, ...(compoundId !== ALL ? { compoundId } : {}), problem: problem.trim(), expected: expected.trim(), workingDays,
        ...(ticketIds.length ? { ticketIds } : {}),
      }),
    );
  };
  return (
    <View className="card notice-issue">
      <SelectField label="物业公司" options={companies.map((c) => ({ value: c.id, label: c.name }))} value={companyId} onChange={setCompanyId} testId="company-select" />
      <SelectField
        label="小区"
        options={[{ value: ALL, label: '该公司在本辖区服务的全部小区' }, ...compounds.map((c) => ({ value: c.id, label: c.name, hint: c.communityName }))]}
        value={compoundId}
        onChange={setCompoundId}
        testId="notice-compound-select"
      />
      <View className="field">
        <View className="field__label">存在的问题</View>
        <Textarea className="textarea" placeholder="如：楼道照明多次报修超期未修复，居民评价不满意" maxlength={NOTICE_TEXT_MAX} value={problem} onInput={(e) => setProblemText(e.detail.value)} data-testid="notice-problem" />
      </View>
      <View className="field">
        <View className="field__label">整改要求</View>
        <Textarea className="textarea" placeholder="如：限期修复并提交维修记录和现场照片" maxlength={NOTICE_TEXT_MAX} value={expected} onInput={(e) => setExpected(e.detail.value)} data-testid="notice-expected" />
      </View>
      <View className="field">
        <View className="field__label">整改期限（工作日）</View>
        <Input className="input" type="number" value={days} onInput={(e) => setDays(e.detail.value)} data-testid="notice-days" />
      </View>
      <View className="field">
        <View className="field__label">关联工单ID（可选）</View>
        <Input className="input" placeholder="如：120, 135" value={tickets} onInput={(e) => setTickets(e.detail.value)} data-testid="notice-tickets" />
      </View>
      {error && <View className="error-text">{error}</View>}
      <Button className="btn btn--block btn--primary" disabled={busy} onClick={go} data-testid="notice-submit">下发督导通知</Button>
    </View>
  );
}
