// What the database says happened: the drill's tickets per Idempotency-Key, and every deadline
// firing that fell due (warn, breach, each 督办 level) with when it was due and when it fired.
import { readFileSync } from 'node:fs';

/**
 * Tickets of this run by key (the description carries the key, so a ticket written twice for one
 * key — which the idempotency record should make impossible — shows up as two rows).
 */
export async function ticketsByKey(db, runId) {
  const { rows } = await db.query(`SELECT id, description FROM tickets WHERE description LIKE $1`, [`故障演练 drill-${runId}-%`]);
  const byKey = new Map();
  for (const r of rows) {
    const key = r.description.replace('故障演练 ', '');
    byKey.set(key, [...(byKey.get(key) ?? []), r.id]);
  }
  return byKey;
}

/** The escalation ladder length per party (packages/domain escalation-ladder.ts). */
const LADDER = { company: 4, community: 3, department: 2 };

/**
 * Every firing due up to `cutoff` on this run's tickets. A firing is due when its leg was still
 * open at its time; it is fired when the database shows its effect:
 *   warn   → ticket_deadlines.warned_at (due: warn_at), or warn_skipped_at when the warning was
 *            reached only after the deadline (not sent by design; reported apart, no lag)
 *   breach → ticket_deadlines.breached_at and one `overdue` timeline event (due: due_at)
 *   督办 level L ≥ 2 → one `supervise` event with data.level = L (due: the previous level's firing
 *            + escalation_minutes, exactly as the engine schedules it)
 * `count` is how many times the effect was recorded (warns from the worker logs' "deadline fired"
 * lines, since a repeated warn would overwrite warned_at); above 1 is a doubled firing.
 */
export async function firings(db, runId, cutoff, workerLogs) {
  const { rows: legs } = await db.query(
    `SELECT d.id, d.ticket_id, d.leg, d.party, d.status, d.warn_at, d.warned_at, d.warn_skipped_at, d.due_at, d.breached_at, d.closed_at,
            d.escalation_minutes, d.next_event, d.next_event_at
       FROM ticket_deadlines d JOIN tickets t ON t.id = d.ticket_id
      WHERE t.description LIKE $1`,
    [`故障演练 drill-${runId}-%`],
  );
  const { rows: events } = await db.query(
    `SELECT e.ticket_id, e.action, e.data->>'leg' AS leg, (e.data->>'level')::int AS level, e.created_at
       FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id
      WHERE t.description LIKE $1 AND e.action IN ('overdue', 'supervise') ORDER BY e.created_at`,
    [`故障演练 drill-${runId}-%`],
  );
  const eventsOf = new Map();
  for (const e of events) {
    const k = `${e.ticket_id}:${e.leg}:${e.action === 'overdue' ? 1 : e.level}`;
    eventsOf.set(k, [...(eventsOf.get(k) ?? []), e.created_at]);
  }
  const warnLines = firedLines(workerLogs, 'warn');

  const out = [];
  const openAt = (leg, at) => !leg.closed_at || leg.closed_at > at;
  for (const leg of legs) {
    if (leg.warn_at && leg.warn_at <= cutoff && openAt(leg, leg.warn_at)) {
      if (!leg.warned_at && leg.warn_skipped_at) {
        // Reached only after its deadline had passed (the worker was down): by design no warning is
        // sent, the overdue notice comes alone. Handled once, but not a firing whose lag counts.
        out.push({ type: 'warn skipped', leg: leg.id, dueAt: leg.warn_at, firedAt: leg.warn_skipped_at, count: 1, skipped: true });
      } else {
        out.push({ type: 'warn', leg: leg.id, dueAt: leg.warn_at, firedAt: leg.warned_at, count: leg.warned_at ? Math.max(1, warnLines.get(String(leg.id)) ?? 0) : 0 });
      }
    }
    if (!leg.due_at || leg.due_at > cutoff || !openAt(leg, leg.due_at)) continue;
    const breachEvents = eventsOf.get(`${leg.ticket_id}:${leg.leg}:1`) ?? [];
    out.push({ type: 'breach', leg: leg.id, dueAt: leg.due_at, firedAt: leg.breached_at, count: leg.breached_at ? Math.max(1, breachEvents.length) : breachEvents.length });
    let previous = leg.breached_at;
    for (let level = 2; level <= (LADDER[leg.party] ?? 0) && previous; level += 1) {
      const dueAt = new Date(previous.getTime() + leg.escalation_minutes * 60_000);
      if (dueAt > cutoff) break;
      const fired = eventsOf.get(`${leg.ticket_id}:${leg.leg}:${level}`) ?? [];
      out.push({ type: `escalate L${level}`, leg: leg.id, dueAt, firedAt: fired[0] ?? null, count: fired.length });
      previous = fired[0] ?? null;
    }
  }
  // Still waiting in the database although due before the cutoff: what the sweep should have queued.
  const pending = legs.filter((l) => l.status === 'open' && l.next_event_at && l.next_event_at <= cutoff).length;
  return { events: out, pending, legs: legs.length };
}

/** "deadline fired" lines per deadline id for one event type, across every worker log of the run. */
function firedLines(files, event) {
  const counts = new Map();
  for (const file of files) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (!line.includes('deadline fired')) continue;
      try {
        const j = JSON.parse(line);
        if (j.event === event) counts.set(String(j.deadlineId), (counts.get(String(j.deadlineId)) ?? 0) + 1);
      } catch {
        // a line cut by kill -9
      }
    }
  }
  return counts;
}
