import type { DeadlineParty, EscalationLevel } from './enums';

/**
 * 督办: who is called, level by level, once a leg is overdue. Level 1 is the party that owes the
 * leg; a company's lateness goes up through the community and the street, the community's own
 * through the street; a department answers to the district directly (部门报到).
 */
export const ESCALATION_LADDER: Record<Exclude<DeadlineParty, 'resident'>, EscalationLevel[]> = {
  company: ['handler', 'community', 'street', 'district'],
  community: ['handler', 'street', 'district'],
  department: ['handler', 'district'],
};

export function ladderFor(party: DeadlineParty): EscalationLevel[] {
  return party === 'resident' ? [] : ESCALATION_LADDER[party];
}
