import { classifyRedisFault, RedisFaultLog } from './redis-fault-log';

function recorder() {
  const lines: Array<{ level: string; msg: string }> = [];
  return {
    lines,
    logger: {
      warn: (msg: string) => lines.push({ level: 'warn', msg }),
      error: (msg: string) => lines.push({ level: 'error', msg }),
      debug: (msg: string) => lines.push({ level: 'debug', msg }),
    },
  };
}

describe('RedisFaultLog', () => {
  it('tells a lost job key, a lost connection and anything else apart', () => {
    expect(classifyRedisFault(new Error('Missing key for job sla-1-2-breach-3. moveToFinished'))).toBe('job-lost');
    expect(classifyRedisFault(new Error('Missing lock for job 7. moveToFinished'))).toBe('job-lost');
    expect(classifyRedisFault(new Error('Lock mismatch for job 7. Cmd moveToFinished from active'))).toBe('job-lost');
    expect(classifyRedisFault(new Error('Job push-9 is not in the active state. moveToFinished'))).toBe('job-lost');
    expect(classifyRedisFault(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6390'), { code: 'ECONNREFUSED' }))).toBe('connection');
    expect(classifyRedisFault(new Error('Connection is closed.'))).toBe('connection');
    expect(classifyRedisFault(new Error('ERR syntax error'))).toBe('other');
  });

  it('logs a burst of lost job keys as one warning with its reason, never as errors', () => {
    let now = 0;
    const { lines, logger } = recorder();
    const log = new RedisFaultLog(logger, () => now);
    for (let i = 0; i < 16; i++) log.report('deadlines', new Error(`Missing key for job sla-${i}. moveToFinished`));
    expect(lines.filter((l) => l.level === 'error')).toEqual([]);
    const warnings = lines.filter((l) => l.level === 'warn');
    expect(warnings).toHaveLength(1);
    expect(warnings[0].msg).toMatch(/Redis lost a running job .*harmless/);
    now += 10_000;
    log.report('deadlines', new Error('Missing key for job sla-99. moveToFinished'));
    expect(lines.filter((l) => l.level === 'warn')[1].msg).toMatch(/and 15 more like it/);
  });

  it('keeps other failures at error level', () => {
    const { lines, logger } = recorder();
    new RedisFaultLog(logger).report('reports', new Error('relation "x" does not exist'));
    expect(lines).toEqual([{ level: 'error', msg: 'reports: relation "x" does not exist' }]);
  });
});
