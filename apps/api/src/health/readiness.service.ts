import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type MigrationInterface } from 'typeorm';
import { ApiRedis } from '../admin/redis.provider';
import { withTimeout } from '../metrics/with-timeout.util';

/** Per check: a hung PostgreSQL or Redis makes readiness say so within this, never hang the probe. */
export const READY_CHECK_TIMEOUT_MS = 2000;

/** `error` is for the log only: the probe's body may be public (behind nginx) and names no hosts. */
export interface CheckResult {
  status: 'up' | 'down';
  error?: string;
}

export interface MigrationsResult {
  status: 'current' | 'pending' | 'unknown';
  pending?: string[];
  error?: string;
}

export interface Readiness {
  ready: boolean;
  checks: { database: CheckResult; redis: CheckResult; migrations: MigrationsResult };
}

/**
 * Ready = PostgreSQL answers, Redis answers, and every migration this build ships has been applied
 * (a new build in front of an old schema must not take traffic). "Current" is remembered once seen:
 * only a deploy, i.e. a new process, can ship a migration this process does not know.
 */
@Injectable()
export class ReadinessService {
  private readonly logger = new Logger('Readiness');
  private migrationsCurrent = false;
  private lastProblems = '';

  constructor(
    private readonly db: DataSource,
    private readonly redis: ApiRedis,
  ) {}

  async check(): Promise<Readiness> {
    const [database, redis, migrations] = await Promise.all([this.database(), this.redisCheck(), this.migrations()]);
    const checks = { database, redis, migrations };
    this.logChange(checks);
    return { ready: database.status === 'up' && redis.status === 'up' && migrations.status === 'current', checks };
  }

  /** One line when readiness changes, not one per probe. */
  private logChange(checks: Readiness['checks']): void {
    const problems = Object.entries(checks)
      .filter(([, c]) => c.status !== 'up' && c.status !== 'current')
      .map(([name, c]) => `${name} ${c.status}${c.error ? ` (${c.error})` : ''}${'pending' in c && c.pending ? `: ${c.pending.join(', ')}` : ''}`)
      .join('; ');
    if (problems === this.lastProblems) return;
    this.lastProblems = problems;
    if (problems) this.logger.warn(`not ready: ${problems}`);
    else this.logger.log('ready');
  }

  private async database(): Promise<CheckResult> {
    try {
      await withTimeout(this.db.query('SELECT 1'), READY_CHECK_TIMEOUT_MS, 'PostgreSQL');
      return { status: 'up' };
    } catch (error) {
      return { status: 'down', error: messageOf(error) };
    }
  }

  private async redisCheck(): Promise<CheckResult> {
    // ping() has its own 1 s budget and never throws.
    const up = await withTimeout(this.redis.ping(), READY_CHECK_TIMEOUT_MS, 'Redis').catch(() => false);
    return up ? { status: 'up' } : { status: 'down', error: 'Redis: no PONG' };
  }

  private async migrations(): Promise<MigrationsResult> {
    if (this.migrationsCurrent) return { status: 'current' };
    const shipped = this.db.migrations.map(migrationName);
    let applied: Set<string>;
    try {
      const rows: Array<{ name: string }> = await withTimeout(this.db.query('SELECT name FROM migrations'), READY_CHECK_TIMEOUT_MS, 'migrations');
      applied = new Set(rows.map((r) => r.name));
    } catch (error) {
      // No migrations table yet: a database nobody migrated.
      if ((error as { driverError?: { code?: string } }).driverError?.code === '42P01') applied = new Set();
      else return { status: 'unknown', error: messageOf(error) };
    }
    const pending = shipped.filter((name) => !applied.has(name));
    if (pending.length > 0) return { status: 'pending', pending };
    this.migrationsCurrent = true;
    return { status: 'current' };
  }
}

/** TypeORM's own rule: the class's `name`, else the constructor's name. */
function migrationName(m: MigrationInterface): string {
  return m.name ?? m.constructor.name;
}

function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 200);
}
