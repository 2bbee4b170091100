// The drill's clients: demo residents filing N reports a second, each with an Idempotency-Key and
// retried with the same key on a timeout, a 5xx or a dropped connection, and the community and the
// property company taking half of them through dispatch → accept → resolve (their retries carry a
// key too). Every HTTP attempt is recorded, so each fault's window can be read back afterwards.
import { CREATE_RETRY_BUDGET_MS, FLOW_STEP_BUDGET_MS, REQUEST_TIMEOUT_MS, RETRY_BACKOFF_MS } from './settings.mjs';
import { sleep } from './processes.mjs';

/** A failure the client retries: no answer, a timeout, a 5xx, or a 429. */
export const retryable = (a) => a.status === 0 || a.status >= 500 || a.status === 429;
/** A failure for the recovery figures: the server did not do its job (4xx answers are answers). */
export const failed = (a) => a.status === 0 || a.status >= 500;

export class Load {
  constructor(baseUrl, runId) {
    this.baseUrl = baseUrl;
    this.runId = runId;
    /** Every HTTP attempt: { kind, sentAt, doneAt, status (0: none), code }. */
    this.attempts = [];
    /** Every create: key → { key, user, categoryId, firstAt, ackAt, ackId, tries, replayed, rejected, gaveUp }. */
    this.creates = new Map();
    this.flow = { started: 0, completed: 0, abandoned: 0, steps: 0, retried409: 0, retried409Codes: {}, firstTry409: 0 };
    this.inflight = new Set();
    this.running = false;
  }

  description(key) {
    return `故障演练 ${key}`;
  }

  async request(kind, method, path, { token, body, headers = {} } = {}) {
    const attempt = { kind, sentAt: Date.now(), doneAt: 0, status: 0, code: '' };
    this.attempts.push(attempt);
    try {
      const res = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      const text = await res.text();
      let json = null;
      try {
        json = JSON.parse(text);
      } catch {
        json = null;
      }
      Object.assign(attempt, { status: res.status, code: json?.code ?? '', doneAt: Date.now() });
      return { ...attempt, json, replayed: res.headers.get('idempotent-replayed') === 'true' };
    } catch (error) {
      const cause = error?.cause?.code ?? error?.name;
      const code = cause === 'TimeoutError' || cause === 'AbortError' ? 'TIMEOUT' : cause || 'NETWORK';
      Object.assign(attempt, { code, doneAt: Date.now() });
      return { ...attempt, json: null, replayed: false };
    }
  }

  async login(username) {
    const r = await this.request('login', 'POST', '/api/auth/dev-login', { body: { username } });
    if (r.status !== 200 || !r.json?.token) throw new Error(`dev-login ${username}: ${r.status} ${r.code}`);
    return r.json.token;
  }

  /** Keeps `fn` in the in-flight set until it settles, so the drill can wait for the stragglers. */
  track(promise) {
    this.inflight.add(promise);
    void promise.finally(() => this.inflight.delete(promise));
  }

  /**
   * Starts creating: every 1000/N ms one report, alternately an SLA ticket (left alone, so its
   * deadlines fall due) and a flow ticket (taken through dispatch, accept, resolve).
   */
  start({ perSecond, sla, flow }) {
    this.running = true;
    let seq = 0;
    const tick = () => {
      if (!this.running) return;
      seq += 1;
      this.track(seq % 2 === 1 ? this.create(seq, sla) : this.create(seq, flow));
      this.timer = setTimeout(tick, 1000 / perSecond);
    };
    tick();
  }

  stop() {
    this.running = false;
    clearTimeout(this.timer);
  }

  async create(seq, lane) {
    const key = `drill-${this.runId}-${seq}`;
    const c = { key, lane: lane.name, user: lane.reporter.username, firstAt: Date.now(), ackAt: 0, ackId: 0, tries: 0, replayed: false, rejected: null, gaveUp: false };
    this.creates.set(key, c);
    const body = { categoryId: lane.categoryId, description: this.description(key) };
    let backoff = RETRY_BACKOFF_MS[0];
    for (;;) {
      c.tries += 1;
      const r = await this.request('create', 'POST', '/api/tickets', { token: lane.reporter.token, body, headers: { 'idempotency-key': key } });
      if (r.status === 200 || r.status === 201) {
        Object.assign(c, { ackAt: r.doneAt, ackId: r.json.id, replayed: r.replayed });
        if (lane.steps) await this.runFlow(seq, r.json.id, lane);
        return;
      }
      if (!retryable(r)) {
        c.rejected = `${r.status} ${r.code}`;
        return;
      }
      if (Date.now() - c.firstAt > CREATE_RETRY_BUDGET_MS) {
        c.gaveUp = true;
        return;
      }
      await sleep(backoff);
      backoff = Math.min(backoff * 2, RETRY_BACKOFF_MS[1]);
    }
  }

  /** dispatch → accept → resolve, each retried with its own key; a step that cannot finish in time ends the flow. */
  async runFlow(seq, ticketId, lane) {
    this.flow.started += 1;
    for (const step of lane.steps) {
      const key = `drill-${this.runId}-${seq}-${step.action}`;
      const started = Date.now();
      let backoff = RETRY_BACKOFF_MS[0];
      let tries = 0;
      let done = false;
      while (!done) {
        tries += 1;
        const r = await this.request(step.action, 'POST', `/api/tickets/${ticketId}/${step.action}`, {
          token: step.actor.token, body: step.body, headers: { 'idempotency-key': key },
        });
        if (r.status === 200) {
          done = true;
        } else if (r.status === 409 && tries > 1) {
          // The first try may have gone through and lost its answer: today's API answers the retry
          // with ILLEGAL_TRANSITION rather than the first result. Counted, and the flow goes on.
          this.flow.retried409 += 1;
          this.flow.retried409Codes[`${step.action} ${r.code}`] = (this.flow.retried409Codes[`${step.action} ${r.code}`] ?? 0) + 1;
          done = true;
        } else if (!retryable(r)) {
          if (r.status === 409) this.flow.firstTry409 += 1;
          this.flow.abandoned += 1;
          return;
        } else if (Date.now() - started > FLOW_STEP_BUDGET_MS) {
          this.flow.abandoned += 1;
          return;
        } else {
          await sleep(backoff);
          backoff = Math.min(backoff * 2, RETRY_BACKOFF_MS[1]);
        }
      }
      this.flow.steps += 1;
    }
    this.flow.completed += 1;
  }

  /** Waits for the creates and flows still retrying, at most `ms`. */
  async drain(ms) {
    const deadline = Date.now() + ms;
    while (this.inflight.size > 0 && Date.now() < deadline) await sleep(200);
    return this.inflight.size;
  }
}
