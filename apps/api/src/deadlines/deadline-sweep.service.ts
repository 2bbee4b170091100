import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { JobsOptions, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { RECOVER_EXPIRED_CLAIMS_SQL } from '../notifications/push-delivery.service';
import { fireJobId, pushJobId, type JobPayloads } from '../worker/jobs';
import type { DeadlineEvent } from './ticket-deadline.entity';

export interface SweepResult {
  /** Rows queued ahead of time (due within the horizon, not yet due). */
  deadlines: number;
  /** Rows already due when the sweep ran (a backlog after an outage), queued behind the on-time ones. */
  backlog: number;
  /** The backlog query came back full: more is waiting, the caller should sweep again soon. */
  backlogFull: boolean;
  pushes: number;
  /**
   * Deadline rows this pass read from the database (changed, newly in the horizon, backlog): zero
   * when nothing changed and nothing came into the horizon. A full pass reads the whole horizon.
   */
  rowsRead: number;
  /** This pass re-read the whole horizon (first pass of this process, or Redis was wiped). */
  fullPass: boolean;
}

/**
 * BullMQ priority of a job that was already due when the sweep queued it. A worker takes jobs from
 * the wait list (on-time jobs, promoted from delayed) before any prioritized one, so a backlog of
 * thousands after an outage never holds up a deadline that comes due while it drains.
 */
export const BACKLOG_PRIORITY = 1;

/**
 * A row that came due only this long ago is still "on time": it missed its delayed job by a sweep's
 * length (say it was written just before its due time), not by an outage, and goes ahead of the backlog.
 */
export function onTimeGraceMs(sweepIntervalMs: number): number {
  return Math.max(5000, 2 * sweepIntervalMs);
}

/** Jobs per addBulk: Redis runs each MULTI alone, so smaller ones let the workers' fetches in between. */
const ADD_CHUNK = 500;

/** The largest bigint: "every id at this instant" in a (next_event_at, id) cursor. */
const MAX_ID = '9223372036854775807';

/** How long the sweep's Redis mark outlives a worker that died (it is refreshed every full step). */
const MARK_TTL_S = 3600;

type DueRow = { id: string; ticket_id: number; next_event: DeadlineEvent; next_event_at: Date; request_id: string | null };

/** What a pass could see: the writers of rows it read are below xmax and not in xip (pg_snapshot). */
interface SeenSnapshot {
  xmax: string;
  xip: string[];
}

/**
 * What this process has already turned into jobs: every row whose writer was visible in `seen`, and
 * every open row with (next_event_at, id) up to `coveredAt`/`coveredId` that was in the database then.
 */
interface SweepMark {
  seen: SeenSnapshot;
  coveredAt: Date;
  coveredId: string;
}

const COLUMNS = 'id, ticket_id, next_event, next_event_at, request_id';

/**
 * Turns what the database says is due soon into jobs. Redis only ever holds the next
 * `SWEEP_HORIZON_MS` of work, so a wiped Redis loses nothing: the next sweep re-adds it, and the
 * deterministic job ids keep a job that is still queued from being added twice.
 *
 * Incremental (issue #14): a pass reads only what it has not queued before —
 *   - rows written by a transaction the previous pass could not see (`changed_xid`, set by a trigger
 *     whenever a leg is inserted or its next event or status changes; see docs/decisions.md for why
 *     a snapshot and not a timestamp or sequence), within the on-time window, and
 *   - rows that came into the horizon since the previous pass: (covered, now + horizon].
 * With nothing due and nothing written, a pass reads no row. A full pass (the whole on-time window)
 * runs first in each process and again whenever Redis lost its jobs: a mark key that the sweep keeps
 * in Redis is gone after FLUSHALL or a restart without persistence, and `forget()` forces one too.
 *
 * The backlog (rows overdue for longer, left by a stall or an outage) is read apart, oldest first, as
 * prioritized jobs, and topped up only while fewer than half a batch of deadline jobs wait, so a
 * large backlog is fed to the workers a batch at a time.
 */
@Injectable()
export class DeadlineSweep {
  private mark: SweepMark | null = null;
  private readonly markKey = `rb:deadline-sweep:${randomBytes(6).toString('hex')}`;

  constructor(
    private readonly db: DataSource,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  /** The next pass re-reads the whole horizon (the caller knows Redis lost what was queued). */
  forget(): void {
    this.mark = null;
  }

  async run(deadlines: Queue, notifications: Queue, now = new Date(), opts: { backlogOnly?: boolean } = {}): Promise<SweepResult> {
    const batch = this.config.SWEEP_BATCH;
    const horizon = new Date(now.getTime() + this.config.SWEEP_HORIZON_MS);
    const onTimeSince = new Date(now.getTime() - onTimeGraceMs(this.config.SWEEP_INTERVAL_MS));
    let upcoming = 0;
    let rowsRead = 0;
    let fullPass = false;
    let backlog: DueRow[] = [];
    const waiting = await deadlines.getJobCountByTypes('wait', 'prioritized');
    const wantBacklog = waiting < Math.ceil(batch / 2);
    if (!opts.backlogOnly) {
      if (await this.redisLostJobs(deadlines)) this.mark = null;
      fullPass = this.mark === null;
      const read = await this.read(this.mark, onTimeSince, horizon, batch, wantBacklog);
      const rows = unique([...read.changed, ...read.entering]);
      await this.queueFires(deadlines, rows, now, false);
      // A full batch: the rest of the horizon is read from where this one ended on the next pass.
      const last = read.entering[read.entering.length - 1];
      const covered = read.entering.length === batch ? { at: last.next_event_at, id: last.id } : { at: horizon, id: MAX_ID };
      // Only now, with every job added: a pass that failed half way is simply read again.
      this.mark = { seen: read.seen, coveredAt: covered.at, coveredId: covered.id };
      upcoming = rows.length;
      backlog = read.backlog;
      rowsRead += read.changed.length + read.entering.length;
    } else if (wantBacklog) {
      backlog = await this.db.query(
        `SELECT ${COLUMNS} FROM ticket_deadlines
          WHERE status = 'open' AND next_event_at IS NOT NULL AND next_event_at <= $1
          ORDER BY next_event_at LIMIT $2`,
        [onTimeSince, batch],
      );
    }
    await this.queueFires(deadlines, backlog, now, true);
    rowsRead += backlog.length;
    const pushes = opts.backlogOnly ? 0 : await this.queuePushes(notifications, batch);
    // Still a full batch waiting: the backlog is not worked off yet, whether or not this run topped it up.
    const backlogFull = backlog.length === batch || !wantBacklog;
    return { deadlines: upcoming, backlog: backlog.length, backlogFull, pushes, rowsRead, fullPass };
  }

  /**
   * One statement, so one snapshot for all of it, and one round trip:
   *   - `seen`: that snapshot's xmax and xip — what the next pass may skip;
   *   - `changed`: open rows in the on-time window whose writer the previous pass could not see: it
   *     had not started (≥ xmax) or was still running (in xip) when that pass read. A transaction
   *     that began before a pass and commits after it is therefore read by the pass after;
   *   - `entering`: open rows in (covered, horizon] — all of the on-time window on a full pass;
   *   - `backlog`: rows overdue for longer than the on-time grace, oldest first (when asked).
   */
  private async read(mark: SweepMark | null, onTimeSince: Date, horizon: Date, batch: number, wantBacklog: boolean) {
    const from = mark && mark.coveredAt > onTimeSince ? { at: mark.coveredAt, id: mark.coveredId } : { at: onTimeSince, id: MAX_ID };
    const rows: Array<DueRow & { slice: 'seen' | 'changed' | 'entering' | 'backlog'; xmax: string | null; xip: string[] | null }> = await this.db.query(
      `SELECT 'seen' AS slice, NULL::bigint AS id, NULL::int AS ticket_id, NULL::deadline_event AS next_event, NULL::timestamptz AS next_event_at,
              NULL::varchar AS request_id, pg_snapshot_xmax(pg_current_snapshot())::text AS xmax,
              ARRAY(SELECT pg_snapshot_xip(pg_current_snapshot())::text) AS xip
       UNION ALL
       (SELECT 'changed', ${COLUMNS}, NULL, NULL FROM ticket_deadlines
         WHERE $1::bool AND status = 'open' AND next_event_at IS NOT NULL
           AND (changed_xid >= $2::bigint OR changed_xid = ANY($3::bigint[]))
           AND next_event_at > $4 AND next_event_at <= $5)
       UNION ALL
       (SELECT 'entering', ${COLUMNS}, NULL, NULL FROM ticket_deadlines
         WHERE status = 'open' AND next_event_at IS NOT NULL
           AND (next_event_at > $6 OR (next_event_at = $6 AND id > $7)) AND next_event_at <= $5
         ORDER BY next_event_at, id LIMIT $8)
       UNION ALL
       (SELECT 'backlog', ${COLUMNS}, NULL, NULL FROM ticket_deadlines
         WHERE $9::bool AND status = 'open' AND next_event_at IS NOT NULL AND next_event_at <= $4
         ORDER BY next_event_at LIMIT $8)`,
      [mark !== null, mark?.seen.xmax ?? '0', mark?.seen.xip ?? [], onTimeSince, horizon, from.at, from.id, batch, wantBacklog],
    );
    const of = (slice: string) => rows.filter((r) => r.slice === slice);
    const [seen] = of('seen');
    return { seen: { xmax: seen.xmax as string, xip: seen.xip ?? [] }, changed: of('changed'), entering: of('entering'), backlog: of('backlog') };
  }

  /**
   * True when this process's mark is missing from Redis: the jobs it queued may be gone with it
   * (FLUSHALL/FLUSHDB, a restart without persistence), or this is the first pass. Sets it again.
   */
  private async redisLostJobs(deadlines: Queue): Promise<boolean> {
    // BullMQ's client is an ioredis instance; its own type leaves out plain SET.
    const client = (await deadlines.client) as unknown as Redis;
    const replies = await client.multi().set(this.markKey, '1', 'EX', MARK_TTL_S, 'NX').expire(this.markKey, MARK_TTL_S).exec();
    const [error, created] = replies?.[0] ?? [new Error('the sweep mark was not set'), null];
    if (error) throw error;
    return created === 'OK';
  }

  private async queueFires(deadlines: Queue, rows: DueRow[], now: Date, late: boolean): Promise<void> {
    for (let i = 0; i < rows.length; i += ADD_CHUNK) await deadlines.addBulk(this.fireJobs(rows.slice(i, i + ADD_CHUNK), now, late));
  }

  private fireJobs(rows: DueRow[], now: Date, late: boolean) {
    return rows.map((d) => ({
      name: 'deadline.fire',
      data: { deadlineId: d.id, event: d.next_event, at: d.next_event_at.toISOString(), ...withRequestId(d.request_id) } satisfies JobPayloads['deadline.fire'],
      opts: {
        jobId: fireJobId(d.ticket_id, d.id, d.next_event, d.next_event_at),
        // Absolute: BullMQ schedules at timestamp + delay, so a sweep whose add waited for Redis to
        // come back still schedules each job at its own due time.
        timestamp: now.getTime(),
        delay: Math.max(0, d.next_event_at.getTime() - now.getTime()),
        ...(late ? { priority: BACKLOG_PRIORITY } : {}),
        attempts: 5,
        backoff: { type: 'exponential', delay: 1000 },
        // Completed jobs leave Redis so the id is free again; the database row is the record.
        removeOnComplete: true,
        removeOnFail: { age: 3600 },
      } satisfies JobsOptions,
    }));
  }

  private async queuePushes(notifications: Queue, batch: number): Promise<number> {
    // A claim whose worker died mid-send is settled as unknown, never re-queued (at-most-once).
    await this.db.query(RECOVER_EXPIRED_CLAIMS_SQL, [this.config.PUSH_CLAIM_LEASE_SECONDS]);
    const pushes: Array<{ id: string; request_id: string | null }> = await this.db.query(
      `SELECT id, request_id FROM notifications WHERE push_status = 'pending' ORDER BY id LIMIT $1`,
      [batch],
    );
    if (pushes.length > 0) {
      await notifications.addBulk(
        pushes.map((p) => ({
          name: 'notification.push',
          data: { notificationId: p.id, ...withRequestId(p.request_id) } satisfies JobPayloads['notification.push'],
          opts: { jobId: pushJobId(p.id), attempts: 5, backoff: { type: 'exponential', delay: 2000 }, removeOnComplete: true, removeOnFail: { age: 24 * 3600 } },
        })),
      );
    }
    return pushes.length;
  }
}

/** A row read both as changed and as entering the horizon is queued once. */
function unique(rows: DueRow[]): DueRow[] {
  const byId = new Map<string, DueRow>();
  for (const r of rows) byId.set(r.id, r);
  return [...byId.values()];
}

/** The request that caused the row rides along in the job, so the worker's log lines name it. */
function withRequestId(requestId: string | null): { requestId?: string } {
  return requestId ? { requestId } : {};
}
