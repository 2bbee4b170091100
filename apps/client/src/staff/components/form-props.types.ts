import type { TicketDetail } from '../../api/api.types';

export interface ActionFormProps {
  ticket: TicketDetail;
  /** `returned` when the caller lost sight of the ticket (退单). */
  onDone: (outcome: 'updated' | 'returned') => void;
}
