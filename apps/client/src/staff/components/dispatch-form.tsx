import { Button, Text, Textarea, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { errorText } from '../../api/api-error';
import type { DispatchTarget, Organization } from '../../api/api.types';
import { orgApi } from '../../api/org.api';
import { ticketsApi } from '../../api/tickets.api';
import { SelectField } from '../../components/select-field/select-field';
import type { ActionFormProps } from './form-props.types';
import { useSubmit } from './use-submit.hook';

const TARGET_HINT: Record<DispatchTarget['reason'], string> = { contract: '签约物业', custody: '社区托管', fallback: '国企兜底' };

type Target = { kind: 'company' | 'department'; id: number };

/** 派单 to a property company, or 吹哨 straight to a department; the API's suggestion comes first. */
export function DispatchForm({ ticket, onDone }: ActionFormProps) {
  const suggested = ticket.suggestedHandler;
  const [target, setTarget] = useState<Target | null>(suggested ? { kind: suggested.kind, id: suggested.id } : null);
  const [companies, setCompanies] = useState<DispatchTarget[]>([]);
  const [departments, setDepartments] = useState<Organization[]>([]);
  const [note, setNote] = useState('');
  const { busy, problem, setProblem, submit } = useSubmit(() => onDone('updated'), '已派单');

  useEffect(() => {
    // Only the companies the API accepts for this ticket (contracted for the compound, or 国企兜底).
    Promise.all([ticketsApi.dispatchTargets(ticket.id), orgApi.departments()]).then(
      ([c, d]) => (setCompanies(c), setDepartments(d)),
      (e) => setProblem(errorText(e)),
    );
  }, [setProblem, ticket.id]);

  const go = () => {
    if (!target) return setProblem('请选择处理单位');
    const body = target.kind === 'company' ? { companyId: target.id } : { departmentId: target.id };
    void submit(() => ticketsApi.dispatch(ticket.id, { ...body, ...(note.trim() ? { note: note.trim() } : {}) }));
  };

  return (
    <View className="card">
      {suggested && (
        <View
          className={`choice ${target?.kind === suggested.kind && target.id === suggested.id ? 'choice--on' : ''}`}
          onClick={() => setTarget({ kind: suggested.kind, id: suggested.id })}
          data-testid="choose-suggested"
        >
          <Text className="choice__title">建议：{suggested.name}</Text>
          <Text className="muted">{suggested.kind === 'department' ? '归口部门（吹哨）' : '服务本小区的物业'}</Text>
        </View>
      )}
      <SelectField
        label="派往物业公司"
        options={companies.map((c) => ({ value: c.id, label: c.name, hint: TARGET_HINT[c.reason] }))}
        value={target?.kind === 'company' ? target.id : undefined}
        onChange={(id) => setTarget({ kind: 'company', id })}
        testId="company-select"
      />
      <SelectField
        label="或 吹哨 至职能部门"
        options={departments.map((d) => ({ value: d.id, label: d.name }))}
        value={target?.kind === 'department' ? target.id : undefined}
        onChange={(id) => setTarget({ kind: 'department', id })}
        testId="department-select"
      />
      <View className="field">
        <View className="field__label">派单说明（选填）</View>
        <Textarea className="textarea" maxlength={500} value={note} onInput={(e) => setNote(e.detail.value)} />
      </View>
      {problem && <View className="error-text">{problem}</View>}
      <Button className="btn btn--primary btn--block" disabled={busy} onClick={go} data-testid="confirm">确认派单</Button>
    </View>
  );
}
