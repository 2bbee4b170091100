import type { Job } from 'bullmq';
import { JOB_NAMES, type JobName, type JobPayloads } from './jobs';

export type JobHandler<N extends JobName> = (payload: JobPayloads[N], job: Job) => Promise<unknown>;

/**
 * Maps job names to handlers. `assertComplete()` runs at boot: a job name with no handler (it would
 * sit in Redis forever) or with two (which one runs?) stops the worker before it takes any job.
 */
export class JobRegistry {
  private readonly handlers = new Map<JobName, JobHandler<JobName>[]>();

  register<N extends JobName>(name: N, handler: JobHandler<N>): void {
    const list = this.handlers.get(name) ?? [];
    list.push(handler as unknown as JobHandler<JobName>);
    this.handlers.set(name, list);
  }

  assertComplete(): void {
    const problems: string[] = [];
    for (const name of JOB_NAMES) {
      const count = this.handlers.get(name)?.length ?? 0;
      if (count === 0) problems.push(`job "${name}" has no handler`);
      if (count > 1) problems.push(`job "${name}" has ${count} handlers`);
    }
    for (const name of this.handlers.keys()) if (!JOB_NAMES.includes(name)) problems.push(`handler for unknown job "${name}"`);
    if (problems.length) throw new Error(`worker refuses to start: ${problems.join('; ')}`);
  }

  handler(name: string): JobHandler<JobName> {
    const list = this.handlers.get(name as JobName);
    if (!list || list.length !== 1) throw new Error(`no handler for job "${name}"`);
    return list[0];
  }
}
