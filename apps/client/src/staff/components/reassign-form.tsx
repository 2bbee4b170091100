import { Button, View } from '@tarojs/components';
import { ROLE_LABELS } from '@red-butler/domain';
import { useEffect, useState } from 'react';
import type { Member } from '../../api/api.types';
import { orgApi } from '../../api/org.api';
import { ticketsApi } from '../../api/tickets.api';
import { SelectField } from '../../components/select-field/select-field';
import type { ActionFormProps } from './form-props.types';
import { useSubmit } from './use-submit.hook';

/**
 * 改派: another worker of the handling organization takes over. The ticket's version goes along, so
 * a manager deciding on a screen someone else has since changed gets "已被他人处理" instead of a surprise.
 */
export function ReassignForm({ ticket, onDone }: ActionFormProps) {
  const [members, setMembers] = useState<Member[]>([]);
  const [assigneeId, setAssigneeId] = useState<number | undefined>();
  const { busy, problem, submit } = useSubmit(() => onDone('updated'), '已改派');
  useEffect(() => {
    if (ticket.handler) orgApi.members(ticket.handler.id).then(setMembers, () => setMembers([]));
  }, [ticket.handler]);
  const others = members.filter((m) => m.id !== ticket.assignee?.id);
  return (
    <View className="card">
      {ticket.assignee && <View className="muted">当前处理人：{ticket.assignee.displayName}</View>}
      <SelectField
        label="改派给"
        options={others.map((m) => ({ value: m.id, label: m.displayName, hint: ROLE_LABELS[m.role] }))}
        value={assigneeId}
        onChange={setAssigneeId}
        testId="reassign-select"
      />
      {problem && <View className="error-text">{problem}</View>}
      <Button
        className="btn btn--primary btn--block"
        disabled={busy || assigneeId === undefined}
        onClick={() => assigneeId !== undefined && void submit(() => ticketsApi.reassign(ticket.id, assigneeId, ticket.version))}
        data-testid="confirm"
      >
        确认改派
      </Button>
    </View>
  );
}
