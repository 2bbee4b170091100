import { Button, View } from '@tarojs/components';
import { TICKET_ACTION_LABELS, type TicketAction } from '@red-butler/domain';

/**
 * Actions this client has a screen for, in the order they are offered. Whether one is *allowed* is
 * never decided here: the API sends `allowedActions` (from packages/domain) with each ticket.
 * The system's own steps (expire, overdue, supervise) are never offered.
 */
export const ACTION_ORDER: readonly TicketAction[] = [
  'dispatch', 'accept', 'progress', 'resolve', 'rate', 'visit', 'reassign', 'pause', 'pause_decision', 'resume', 'escalate', 'merge', 'return', 'reject', 'cancel',
];

const PRIMARY = new Set<TicketAction>(['dispatch', 'accept', 'resolve', 'rate', 'visit']);
const DANGER = new Set<TicketAction>(['reject', 'cancel', 'return']);

export function offeredActions(allowed: readonly TicketAction[]): TicketAction[] {
  return ACTION_ORDER.filter((a) => allowed.includes(a));
}

export interface ActionBarProps {
  allowed: readonly TicketAction[];
  onAction: (action: TicketAction) => void;
  disabled?: boolean;
}

export function ActionBar({ allowed, onAction, disabled }: ActionBarProps) {
  const actions = offeredActions(allowed);
  if (actions.length === 0) return null;
  return (
    <View className="action-bar" data-testid="action-bar">
      {actions.map((a) => (
        <Button
          key={a}
          className={`btn ${PRIMARY.has(a) ? 'btn--primary' : DANGER.has(a) ? 'btn--danger' : 'btn--ghost'}`}
          disabled={disabled}
          onClick={() => onAction(a)}
          data-action={a}
        >
          {TICKET_ACTION_LABELS[a]}
        </Button>
      ))}
    </View>
  );
}
