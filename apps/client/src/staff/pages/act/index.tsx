import { Text, View } from '@tarojs/components';
import { TICKET_ACTION_LABELS, type TicketAction } from '@red-butler/domain';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { errorText } from '../../../api/api-error';
import type { TicketDetail } from '../../../api/api.types';
import { ticketsApi } from '../../../api/tickets.api';
import { Screen } from '../../../components/screen/screen';
import { ScreenProblem } from '../../../components/not-found/screen-problem';
import { StatusChip } from '../../../components/status-chip/status-chip';
import { useSignedIn } from '../../../hooks/use-me.hook';
import { AcceptForm } from '../../components/accept-form';
import { DispatchForm } from '../../components/dispatch-form';
import { DuplicateCandidates } from '../../components/duplicate-candidates';
import { EscalateForm } from '../../components/escalate-form';
import type { ActionFormProps } from '../../components/form-props.types';
import { MergeForm } from '../../components/merge-form';
import { NoteForm } from '../../components/note-form';
import { PauseDecisionForm } from '../../components/pause-decision-form';
import { ReasonForm } from '../../components/reason-form';
import { ReassignForm } from '../../components/reassign-form';
import { VisitForm } from '../../components/visit-form';

function Form({ action, ...props }: ActionFormProps & { action: TicketAction }) {
  switch (action) {
    case 'dispatch': return <DispatchForm {...props} />;
    case 'escalate': return <EscalateForm {...props} />;
    case 'merge': return <MergeForm {...props} />;
    case 'accept': return <AcceptForm {...props} />;
    case 'reassign': return <ReassignForm {...props} />;
    case 'pause_decision': return <PauseDecisionForm {...props} />;
    case 'return': case 'reject': case 'pause': return <ReasonForm {...props} action={action} />;
    case 'visit': return <VisitForm {...props} />;
    case 'progress': case 'resolve': return <NoteForm {...props} action={action} />;
    default: return <View className="empty">暂不支持此操作</View>;
  }
}

/** One staff action on a ticket; offered only when the ticket's `allowedActions` lists it. */
export default function ActPage() {
  const me = useSignedIn();
  const params = useRouter().params;
  const id = Number(params.id);
  const action = params.action as TicketAction;
  const [ticket, setTicket] = useState<TicketDetail | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: TICKET_ACTION_LABELS[action] ?? '办理' });
    if (me) ticketsApi.detail(id).then(setTicket, (e) => setProblem(errorText(e)));
  }, [me, id, action]);

  const done = (outcome: 'updated' | 'returned') => {
    // A returned ticket is no longer ours to see: go back past its detail page.
    const depth = Taro.getCurrentPages().length;
    if (outcome === 'returned') {
      if (depth >= 3) void Taro.navigateBack({ delta: 2 });
      else void Taro.redirectTo({ url: '/staff/pages/inbox/index' });
      return;
    }
    if (depth >= 2) void Taro.navigateBack();
    else void Taro.redirectTo({ url: `/pages/ticket/index?id=${id}` });
  };

  if (problem) return <Screen><ScreenProblem text={problem} /></Screen>;
  if (!ticket) return <Screen><View className="empty">加载中…</View></Screen>;
  if (!ticket.allowedActions.includes(action)) {
    return <Screen><View className="empty">工单当前状态不允许“{TICKET_ACTION_LABELS[action]}”</View></Screen>;
  }
  return (
    <Screen>
      <View className="card act-head">
        <Text className="ticket-card__title">{ticket.category.name}</Text>
        <StatusChip status={ticket.status} />
        <View className="muted">{ticket.no} · {ticket.compound.name}</View>
        <View className="detail__desc">{ticket.description}</View>
      </View>
      <Form action={action} ticket={ticket} onDone={done} />
      {action === 'dispatch' && <DuplicateCandidates ticket={ticket} onDone={done} />}
    </Screen>
  );
}
