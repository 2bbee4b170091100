import { Injectable } from '@nestjs/common';
import type { HandlerKind, Rating, TicketAction, TicketStatus } from '@red-butler/domain';
import type { EntityManager } from 'typeorm';
import { DeadlineLedger, type ClockTicket } from './deadline-ledger.service';

export interface ClockStep {
  ticket: ClockTicket & { community_id: number };
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
    const handler = () => this.ledger.open(em, ticket, 'accept', this.ledger.handlerParty(s.handlerKind), s.handlerOrgId, now);
    switch (s.action) {
      case 'report':
        return this.ledger.open(em, ticket, 'dispatch', 'community', null, now);
      case 'dispatch':
        await this.ledger.close(em, ticket.id, ['dispatch'], 'met', now);
        return handler();
      case 'escalate':
        // 吹哨 takes the ticket away from whoever held it; the department's own clock starts.
        await this.ledger.close(em, ticket.id, ['dispatch'], 'met', now);
        await this.ledger.close(em, ticket.id, ['accept', 'resolve'], 'cancelled', now);
        return handler();
      case 'return':
        // A return answers the dispatch in time or not; the community's dispatch clock restarts.
        await this.ledger.close(em, ticket.id, ['accept'], 'met', now);
        return this.ledger.open(em, ticket, 'dispatch', 'community', null, now);
      case 'accept':
        await this.ledger.close(em, ticket.id, ['accept'], 'met', now);
        return this.ledger.open(em, ticket, 'resolve', this.ledger.handlerParty(s.handlerKind), s.handlerOrgId, now);
      case 'resolve':
        await this.ledger.close(em, ticket.id, ['resolve'], 'met', now);
        return this.ledger.open(em, ticket, 'survey', 'resident', null, now);
      case 'rate':
      case 'visit':
        if (s.to === 'resolved') return; // a phone visit that reached nobody changes no clock
        await this.ledger.close(em, ticket.id, ['survey', 'visit'], 'met', now);
        // 不满意: a fresh resolve deadline for the same handler, counted as rework.
        if (s.to === 'accepted') await this.ledger.open(em, ticket, 'resolve', this.ledger.handlerParty(s.handlerKind), s.handlerOrgId, now);
        return;
      case 'expire':
        return this.ledger.close(em, ticket.id, ['survey', 'visit'], 'cancelled', now);
      case 'cancel':
      case 'reject':
      case 'merge':
        return this.ledger.close(em, ticket.id, ['dispatch', 'accept', 'resolve', 'survey', 'visit'], 'cancelled', now);
      default:
        return; // progress, pause, resume, overdue, supervise: handled where they happen
    }
  }
}
