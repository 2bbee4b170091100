// The drill's knobs and its pass/fail thresholds, in one place so a reader sees what is asserted.

/**
 * Two forms. Both run every fault once, in the same order; the full one gives each fault a longer
 * window, holds the servers down longer and lets the legs' breaches and 督办 levels fall due before
 * the first fault (the SLA legs last one minute, so breaches start 60 s after the first create).
 */
export const PROFILES = {
  short: {
    createsPerSecond: 4,
    warmupMs: 15_000,
    faultWindowMs: 20_000,
    pgDownMs: 3_000,
    redisDownMs: 2_000,
    // After the load stops: every firing due before (end − grace) must have happened.
    graceMs: 15_000,
  },
  full: {
    createsPerSecond: 6,
    warmupMs: 70_000,
    faultWindowMs: 90_000,
    pgDownMs: 8_000,
    redisDownMs: 5_000,
    graceMs: 30_000,
  },
};

/** The faults, in the order the issue (#17) lists them. `--faults a,b` runs a subset (development). */
export const FAULTS = ['worker-kill', 'redis-flush', 'redis-restart', 'pg-restart', 'api-kill'];

/** A client request that gets no answer within this is a timeout, retried with the same key. */
export const REQUEST_TIMEOUT_MS = 3_000;
/** Retries back off from the first to the last delay, doubling. */
export const RETRY_BACKOFF_MS = [250, 2_000];
/** A create is retried until acknowledged or this long after its first attempt (then the client gives up). */
export const CREATE_RETRY_BUDGET_MS = 45_000;
/**
 * Each step of a flow ticket (dispatch, accept, resolve) must succeed within this of the previous
 * one, or the flow is abandoned. Flow tickets use a category whose legs last an hour, so whatever
 * happens to them, no deadline of theirs falls due during the run.
 */
export const FLOW_STEP_BUDGET_MS = 25_000;
/** After the last fault, creates still being retried get this long to be acknowledged. */
export const DRAIN_MS = 20_000;

/**
 * The SLA under test: the overdue tickets' category gets one-minute legs on the natural clock, a
 * warning at 10 % (6 s) and one minute per 督办 level; the flow tickets' category gets hour-long legs.
 */
export const SLA_CATEGORY = 'door_access_broken';
export const FLOW_CATEGORY = 'street_light_out';
export const SLA_POLICY = { clock: 'clock', minutes: 1, warnRatio: 0.1, escalationMinutes: 1 };
export const FLOW_POLICY = { clock: 'clock', minutes: 60, warnRatio: 0.8, escalationMinutes: 60 };

/**
 * HARD invariants: any breach fails the drill (exit 1). They hold by design (idempotency keys, the
 * row claims of the deadline engine, the sweep from the database), whatever the timing.
 */
export const HARD = {
  /** Acknowledged creates (2xx) whose ticket is not in the database. */
  maxLostTickets: 0,
  /** Idempotency-Keys with more than one ticket in the database. */
  maxDoubledTickets: 0,
  /** Acknowledged creates answered with a ticket other than the one the database holds for the key. */
  maxMismatchedAcks: 0,
  /** Deadline firings (warn, breach, each 督办 level) recorded more than once. */
  maxDoubledFirings: 0,
  /** Firings due more than the grace period before the end that never happened. */
  maxMissedFirings: 0,
};

/** The #17 targets: printed as met / not met, never failing the drill (timing on a shared machine). */
export const TARGETS = {
  /** After FLUSHALL or a Redis restart without persistence, deadlines fire (on time again) within this. */
  redisWipeFiringMs: 15_000,
  /** After PostgreSQL is back, requests succeed again within this. */
  pgRequestsOkMs: 5_000,
  /** A worker restarted after kill -9 answers /health 200 within this. */
  workerReadyMs: 5_000,
  /** Firing lag counts as "back to normal" under this… */
  lagOkMs: 1_000,
  /** …and must be back to normal within this after any fault. */
  lagRecoveryMs: 15_000,
};
