import { Button, View } from '@tarojs/components';
import { ROLE_LABELS } from '@red-butler/domain';
import { useEffect, useState } from 'react';
import type { Member } from '../../api/api.types';
import { orgApi } from '../../api/org.api';
import { ticketsApi } from '../../api/tickets.api';
import { SelectField } from '../../components/select-field/select-field';
import type { ActionFormProps } from './form-props.types';
import { useSubmit } from './use-submit.hook';

/** 接单, assigning a worker of the handling company or department (optional). */
export function AcceptForm({ ticket, onDone }: ActionFormProps) {
  const [members, setMembers] = useState<Member[]>([]);
  const [assigneeId, setAssigneeId] = useState<number | undefined>();
  const { busy, problem, submit } = useSubmit(() => onDone('updated'), '已接单');
  useEffect(() => {
    // Only managers may list their colleagues; a worker accepting for themself sees no picker.
    if (ticket.handler) orgApi.members(ticket.handler.id).then(setMembers, () => setMembers([]));
  }, [ticket.handler]);
  return (
    <View className="card">
      {members.length > 0 && (
        <SelectField
          label="指派处理人（选填）"
          options={members.map((m) => ({ value: m.id, label: m.displayName, hint: ROLE_LABELS[m.role] }))}
          value={assigneeId}
          onChange={setAssigneeId}
          testId="assignee-select"
        />
      )}
      {problem && <View className="error-text">{problem}</View>}
      <Button className="btn btn--primary btn--block" disabled={busy} onClick={() => void submit(() => ticketsApi.accept(ticket.id, assigneeId))} data-testid="confirm">
        确认接单
      </Button>
    </View>
  );
}
