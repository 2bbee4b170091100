import { Injectable } from '@nestjs/common';
import type { DeadlineLeg, HandlerKind, Rating, TicketAction, TicketStatus } from '@red-butler/domain';
import type { EntityManager } from 'typeorm';
import { DeadlineLedger, type ClockTicket } from './deadline-ledger.service';

export interface ClockStep {
  /** `status`: the ticket's status before the step (an overdue event recorded at close carries it). */
  ticket: ClockTicket & { community_id: number; status?: TicketStatus };
  action: TicketAction;
  to: TicketStatus;
  handlerKind: HandlerKind | null;
  handlerOrgId: number | null;
  rating?: Rating;
  now: Date;
}

/**
 * Which clocks a step stops and starts. Each leg belongs to one party: the community (dispatch,
 * phone visit), the company or department (accept, resolve), the resident (survey).
 */
@Injectable()
export class TicketClocks {
  constructor(private readonly ledger: DeadlineLedger) {}

  async onStep(em: EntityManager, s: ClockStep): Promise<void> {
    const { ticket, now } = s;
    const close = (legs: DeadlineLeg[], status: 'met' | 'cancelled') => this.ledger.close(em, ticket.id, legs, status, now, ticket.status);
    const handler = () => this.ledger.open(em, ticket, 'accept', this.ledger.handlerParty(s.handlerKind), s.handlerOrgId, now);
    switch (s.action) {
      case 'report':
        return this.ledger.open(em, ticket, 'dispatch', 'community', null, now);
      case 'dispatch':
        await close(['dispatch'], 'met');
        return handler();
      case 'escalate':
        // 吹哨 takes the ticket away from whoever held it; the department's own clock starts.
        await close(['dispatch'], 'met');
        await close(['accept', 'resolve'], 'cancelled');
        return handler();
      case 'return':
        // A return answers the dispatch in time or not; the community's dispatch clock restarts.
        await close(['accept'], 'met');
        return this.ledger.open(em, ticket, 'dispatch', 'community', null, now);
      case 'accept':
        await close(['accept'], 'met');
        return this.ledger.open(em, ticket, 'resolve', this.ledger.handlerParty(s.handlerKind), s.handlerOrgId, now);
      case 'resolve':
        await close(['resolve'], 'met');
        return this.ledger.open(em, ticket, 'survey', 'resident', null, now);
      case 'rate':
      case 'visit':
        if (s.to === 'resolved') return; // a phone visit that reached nobody changes no clock
        await close(['survey', 'visit'], 'met');
        // 不满意: a fresh resolve deadline for the same handler, counted as rework.
        if (s.to === 'accepted') await this.ledger.open(em, ticket, 'resolve', this.ledger.handlerParty(s.handlerKind), s.handlerOrgId, now);
        return;
      case 'expire':
        return close(['survey', 'visit'], 'cancelled');
      case 'cancel':
      case 'reject':
      case 'merge':
        return close(['dispatch', 'accept', 'resolve', 'survey', 'visit'], 'cancelled');
      default:
        return; // progress, pause, resume, overdue, supervise: handled where they happen
    }
  }
}
