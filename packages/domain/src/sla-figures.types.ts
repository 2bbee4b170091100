/**
 * The figures of an SLA report row, as GET /api/reports/sla returns them: counts, and rates 0–1
 * (4 decimals) that are null when nothing was there to measure. The API computes them
 * (apps/api/src/reports/sla-figures.ts); the client shows them. The answer's `definitions` says
 * what each one means.
 */
export interface SlaFigures {
  received: number;
  resolved: number;
  resolutions: number;
  dispatchClosed: number;
  dispatchOnTime: number;
  timelyDispatchRate: number | null;
  dispatchAvgMinutes: number | null;
  dispatchP90Minutes: number | null;
  acceptClosed: number;
  acceptOnTime: number;
  timelyAcceptRate: number | null;
  acceptAvgMinutes: number | null;
  acceptP90Minutes: number | null;
  resolveClosed: number;
  resolvedOnTime: number;
  resolvedLate: number;
  resolveWithdrawnLate: number;
  openPastDue: number;
  onTimeResolutionRate: number | null;
  resolveAvgMinutes: number | null;
  resolveP90Minutes: number | null;
  overdue: number;
  overdueOpen: number;
  surveysSent: number;
  answered: number;
  satisfied: number;
  basicallySatisfied: number;
  dissatisfied: number;
  unrated: number;
  satisfactionRate: number | null;
  responseRate: number | null;
  reopened: number;
  reopenRate: number | null;
  households: number;
  complaints: number;
  complaintRate: number | null;
}
