// Figures from the client's record and the database's, per fault: failures by status and code,
// recovery times, firing lag; then the #17 targets (met / not met) and the hard invariants.
import { failed } from './load.mjs';
import { HARD, TARGETS } from './settings.mjs';

const s = (ms) => (ms === null || ms === undefined ? '—' : `${(ms / 1000).toFixed(1)} s`);

export function percentile(values, p) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/**
 * An attempt belongs to the window in which its answer (or its failure) came: a request sent just
 * before a fault and cut by it counts for that fault, not for the one before.
 */
const within = (a, from, to) => a.doneAt >= from && a.doneAt < to;

/** Failed attempts (no answer or 5xx) in [from, to), counted by "status code". */
export function failuresBetween(attempts, from, to) {
  const counts = {};
  for (const a of attempts) {
    if (!within(a, from, to) || !failed(a)) continue;
    const label = a.status === 0 ? `no answer ${a.code}` : `${a.status} ${a.code || '?'}`;
    counts[label] = (counts[label] ?? 0) + 1;
  }
  return counts;
}

/**
 * When requests worked again: the first successful attempt sent after the window's last failure.
 * Null when no request succeeded after it; `from` itself when nothing failed.
 */
export function requestsOkAt(attempts, from, to) {
  const inWindow = attempts.filter((a) => within(a, from, to)).sort((a, b) => a.sentAt - b.sentAt);
  const lastFail = inWindow.filter(failed).at(-1);
  if (!lastFail) return from;
  const ok = inWindow.find((a) => a.sentAt > lastFail.sentAt && !failed(a));
  return ok ? ok.sentAt : null;
}

/**
 * Lag recovery: the due time of the first firing in [from, to) from which every later firing in
 * the window fired under TARGETS.lagOkMs, minus `from`. 0 when all were on time; null when the
 * window ends with a late or missing firing; undefined when nothing fell due in the window.
 */
export function lagRecovery(events, from, to) {
  const inWindow = events.filter((e) => !e.skipped && e.dueAt.getTime() >= from && e.dueAt.getTime() < to).sort((a, b) => a.dueAt - b.dueAt);
  if (inWindow.length === 0) return undefined;
  let k = inWindow.length;
  while (k > 0 && inWindow[k - 1].firedAt && inWindow[k - 1].firedAt - inWindow[k - 1].dueAt < TARGETS.lagOkMs) k -= 1;
  if (k === inWindow.length) return null;
  return k === 0 ? 0 : Math.max(0, inWindow[k].dueAt.getTime() - from);
}

/** Prints everything and returns { passed, failed } for the invariant checks. */
export function report({ profile, faults, load, loadStartedAt, loadStoppedAt, endedAt, byKey, firings: f, cutoff, stragglers }) {
  const lines = [];
  const out = (line = '') => lines.push(line) && console.log(line);

  // ---- tickets ---------------------------------------------------------------------------------
  const creates = [...load.creates.values()];
  const acked = creates.filter((c) => c.ackId);
  const lost = acked.filter((c) => !(byKey.get(c.key)?.length));
  const doubled = [...byKey.entries()].filter(([, ids]) => ids.length > 1);
  const mismatched = acked.filter((c) => byKey.get(c.key)?.length === 1 && byKey.get(c.key)[0] !== c.ackId);
  const unackedButWritten = creates.filter((c) => !c.ackId && byKey.get(c.key)?.length);
  const retriedCreates = creates.filter((c) => c.tries > 1);
  out(`\n■ tickets (${profile.createsPerSecond} creates/s for ${s(loadStoppedAt - loadStartedAt)})`);
  out(`  sent ${creates.length} · acknowledged ${acked.length} · lost ${lost.length} · doubled ${doubled.length} · acknowledged with another id ${mismatched.length}`);
  out(`  retried ${retriedCreates.length} (replayed from the key ${acked.filter((c) => c.replayed).length}) · rejected ${creates.filter((c) => c.rejected).length}`
    + ` · client gave up ${creates.filter((c) => c.gaveUp).length} · still retrying at the end ${stragglers} · never acknowledged but written ${unackedButWritten.length}`);
  const rejected = {};
  for (const c of creates.filter((x) => x.rejected)) rejected[c.rejected] = (rejected[c.rejected] ?? 0) + 1;
  if (Object.keys(rejected).length) out(`  rejections: ${JSON.stringify(rejected)}`);
  const fl = load.flow;
  out(`  flows dispatch→accept→resolve: started ${fl.started}, completed ${fl.completed}, abandoned ${fl.abandoned}; `
    + `retried action answered 409: ${fl.retried409}${fl.retried409 ? ` ${JSON.stringify(fl.retried409Codes)}` : ''}; first try answered 409: ${fl.firstTry409}`);

  // ---- firings ---------------------------------------------------------------------------------
  const events = f.events;
  const fired = events.filter((e) => e.count >= 1);
  const once = events.filter((e) => e.count === 1);
  const doubledFirings = events.filter((e) => e.count > 1);
  const missed = events.filter((e) => e.count === 0);
  const lags = fired.filter((e) => !e.skipped).map((e) => e.firedAt - e.dueAt);
  out(`\n■ deadline firings due by ${cutoff.toISOString()} (end − grace ${s(profile.graceMs)}), on ${f.legs} legs`);
  out(`  due ${events.length} · fired once ${once.length} · missed ${missed.length} · doubled ${doubledFirings.length} · still pending in the database ${f.pending}`);
  for (const type of [...new Set(events.map((e) => e.type))]) {
    const of = events.filter((e) => e.type === type);
    const l = of.filter((e) => e.count >= 1).map((e) => e.firedAt - e.dueAt);
    out(`    ${type.padEnd(12)} due ${String(of.length).padStart(4)} · once ${String(of.filter((e) => e.count === 1).length).padStart(4)} · missed ${of.filter((e) => e.count === 0).length}`
      + ` · doubled ${of.filter((e) => e.count > 1).length} · lag p50 ${ms(percentile(l, 50))} p99 ${ms(percentile(l, 99))}`);
  }
  out(`  firing lag (fired − due) overall: p50 ${ms(percentile(lags, 50))} · p99 ${ms(percentile(lags, 99))} · max ${ms(percentile(lags, 100))}`);

  // ---- faults ----------------------------------------------------------------------------------
  out('\n■ faults');
  const windows = [{ name: 'warm-up (no fault)', at: loadStartedAt }, ...faults];
  const targets = [];
  windows.forEach((w, i) => {
    // The last fault's window runs on through the drain: the retries it caused are its figures.
    const to = windows[i + 1]?.at ?? endedAt;
    const fails = failuresBetween(load.attempts, w.at, to);
    const sent = load.attempts.filter((a) => within(a, w.at, to)).length;
    out(`  ${w.name}${w.at > loadStartedAt ? ` at +${s(w.at - loadStartedAt)}` : ''}: ${sent} requests, failed ${Object.keys(fails).length ? JSON.stringify(fails) : 'none'}`);
    if (i === 0) return;
    const okAt = requestsOkAt(load.attempts, w.at, to);
    const lagRec = lagRecovery(events, w.at, to);
    const detail = [
      w.backAt ? `back after ${s(w.backAt - w.at)}` : null,
      w.readyMs !== undefined ? `ready ${s(w.readyMs)} after restart` : null,
      `requests OK again ${okAt === null ? 'not within the window' : `+${s(okAt - w.at)}`}`,
      `firing lag < ${TARGETS.lagOkMs} ms again ${lagRec === undefined ? 'n/a (nothing due)' : lagRec === null ? 'not within the window' : `+${s(lagRec)}`}`,
    ].filter(Boolean);
    out(`    ${detail.join(' · ')}`);
    Object.assign(w, { fails, okAt, lagRec, to });
    targets.push(...faultTargets(w));
  });

  // ---- targets ---------------------------------------------------------------------------------
  out('\n■ #17 targets (reported, not enforced)');
  for (const t of targets) out(`  ${t.met === null ? '·' : t.met ? '✔' : '✖'} ${t.name}: ${t.met === null ? 'not measurable in this run' : t.met ? 'met' : 'NOT met'} (${t.figure})`);

  // ---- invariants ------------------------------------------------------------------------------
  out('\n■ hard invariants');
  const checks = [
    ['the drill exercised something (tickets acknowledged and firings due)', acked.length > 0 && events.length > 0, `${acked.length} acknowledged, ${events.length} due`],
    [`no acknowledged ticket lost (≤ ${HARD.maxLostTickets})`, lost.length <= HARD.maxLostTickets, `${lost.length}${lost.length ? `: ${lost.slice(0, 5).map((c) => c.key).join(', ')}` : ''}`],
    [`no ticket doubled for one Idempotency-Key (≤ ${HARD.maxDoubledTickets})`, doubled.length <= HARD.maxDoubledTickets, `${doubled.length}${doubled.length ? `: ${doubled.slice(0, 5).map(([k, ids]) => `${k}→${ids.join('/')}`).join(', ')}` : ''}`],
    [`every acknowledgement names the key's ticket (≤ ${HARD.maxMismatchedAcks} mismatches)`, mismatched.length <= HARD.maxMismatchedAcks, `${mismatched.length}`],
    [`no deadline firing doubled (≤ ${HARD.maxDoubledFirings})`, doubledFirings.length <= HARD.maxDoubledFirings, `${doubledFirings.length}${doubledFirings.length ? `: ${doubledFirings.slice(0, 5).map((e) => `${e.type} of leg ${e.leg} ×${e.count}`).join(', ')}` : ''}`],
    [`no deadline firing missed at the end, after ${s(profile.graceMs)} of grace (≤ ${HARD.maxMissedFirings})`, missed.length <= HARD.maxMissedFirings, `${missed.length}${missed.length ? ` (first due ${missed.map((e) => e.dueAt).sort((a, b) => a - b)[0].toISOString()})` : ''}`],
  ];
  let passed = 0;
  let failedChecks = 0;
  for (const [name, ok, figure] of checks) {
    if (ok) passed += 1;
    else failedChecks += 1;
    out(`  ${ok ? '✔' : '✖'} ${name}: ${figure}`);
  }
  return { passed, failed: failedChecks };
}

function ms(v) {
  return v === null ? '—' : `${Math.round(v)} ms`;
}

/** The #17 targets that apply to one fault's window. `met: null` when the run could not measure it. */
function faultTargets(w) {
  const t = [];
  const lagFigure = w.lagRec === undefined ? 'nothing due in the window' : w.lagRec === null ? 'late or missing firings to the end of the window' : `lag < 1 s again after ${s(w.lagRec)}`;
  const lagMet = w.lagRec === undefined ? null : w.lagRec !== null && w.lagRec <= TARGETS.lagRecoveryMs;
  if (w.name === 'redis-flush' || w.name === 'redis-restart') {
    t.push({ name: `${w.name}: deadlines fire on time again within ${s(TARGETS.redisWipeFiringMs)}`, met: w.lagRec === undefined ? null : w.lagRec !== null && w.lagRec <= TARGETS.redisWipeFiringMs, figure: lagFigure });
  }
  if (w.name === 'pg-restart') {
    const labels = Object.keys(w.fails).filter((l) => !l.startsWith('no answer'));
    const only503 = labels.every((l) => l === '503 DATABASE_UNAVAILABLE');
    t.push({ name: 'pg-restart: 5xx during the outage are 503 DATABASE_UNAVAILABLE, never 500', met: only503, figure: labels.length ? labels.map((l) => `${l} ×${w.fails[l]}`).join(', ') : 'no 5xx' });
    const after = w.okAt === null ? null : Math.max(0, w.okAt - w.backAt);
    t.push({ name: `pg-restart: requests OK within ${s(TARGETS.pgRequestsOkMs)} of PostgreSQL being back`, met: after !== null && after <= TARGETS.pgRequestsOkMs, figure: after === null ? 'no success to the end of the window' : `${s(after)}` });
  }
  if (w.name === 'worker-kill') {
    t.push({ name: `worker-kill: the restarted worker is ready within ${s(TARGETS.workerReadyMs)}`, met: w.readyMs !== null && w.readyMs <= TARGETS.workerReadyMs, figure: w.readyMs === null ? 'never ready' : s(w.readyMs) });
  }
  t.push({ name: `${w.name}: firing lag under ${TARGETS.lagOkMs} ms within ${s(TARGETS.lagRecoveryMs)}`, met: lagMet, figure: lagFigure });
  return t;
}
