import { JobRegistry } from './job-registry';
import { JOB_NAMES } from './jobs';

const noop = async () => undefined;

describe('JobRegistry', () => {
  it('boots when every job has exactly one handler', () => {
    const registry = new JobRegistry();
    for (const name of JOB_NAMES) registry.register(name, noop);
    expect(() => registry.assertComplete()).not.toThrow();
  });

  it('refuses to boot when a job has no handler', () => {
    const registry = new JobRegistry();
    for (const name of JOB_NAMES.slice(1)) registry.register(name, noop);
    expect(() => registry.assertComplete()).toThrow(`job "${JOB_NAMES[0]}" has no handler`);
  });

  it('refuses to boot when a job has two handlers', () => {
    const registry = new JobRegistry();
    for (const name of JOB_NAMES) registry.register(name, noop);
    registry.register('deadline.fire', noop);
    expect(() => registry.assertComplete()).toThrow('job "deadline.fire" has 2 handlers');
  });
});
