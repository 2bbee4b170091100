import { Button, Textarea, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { errorText } from '../../api/api-error';
import type { Organization } from '../../api/api.types';
import { orgApi } from '../../api/org.api';
import { ticketsApi } from '../../api/tickets.api';
import { SelectField } from '../../components/select-field/select-field';
import type { ActionFormProps } from './form-props.types';
import { useSubmit } from './use-submit.hook';

/** 吹哨、部门报到: put the case to the department that has the power to act. */
export function EscalateForm({ ticket, onDone }: ActionFormProps) {
  const [departments, setDepartments] = useState<Organization[]>([]);
  const [departmentId, setDepartmentId] = useState<number | undefined>();
  const [reason, setReason] = useState('');
  const { busy, problem, setProblem, submit } = useSubmit(() => onDone('updated'), '已吹哨');
  useEffect(() => {
    orgApi.departments().then(setDepartments, (e) => setProblem(errorText(e)));
  }, [setProblem]);
  const go = () => {
    if (!departmentId) return setProblem('请选择职能部门');
    if (reason.trim().length < 2) return setProblem('请填写吹哨原因（至少2个字）');
    void submit(() => ticketsApi.escalate(ticket.id, { departmentId, reason: reason.trim() }));
  };
  return (
    <View className="card">
      <SelectField label="职能部门" options={departments.map((d) => ({ value: d.id, label: d.name }))} value={departmentId} onChange={setDepartmentId} testId="department-select" />
      <View className="field">
        <View className="field__label">吹哨原因</View>
        <Textarea className="textarea" placeholder="如：物业多次处理未果，涉及违章搭建，需城管执法" maxlength={500} value={reason} onInput={(e) => setReason(e.detail.value)} data-testid="reason" />
      </View>
      {problem && <View className="error-text">{problem}</View>}
      <Button className="btn btn--primary btn--block" disabled={busy} onClick={go} data-testid="confirm">确认吹哨</Button>
    </View>
  );
}
