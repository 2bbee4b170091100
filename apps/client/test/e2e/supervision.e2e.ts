import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { call } from './api.client';
import { addPhoto, go, launch, shot, signIn, vis } from './browser.helpers';
import { makePng } from './png.util';

jest.setTimeout(180_000);

const api = join(__dirname, '..', '..', '..', 'api');

/** The throwaway database the setup created (e2e.setup.js keeps it in its state file). */
const databaseUrl = (): string => JSON.parse(readFileSync(process.env.RB_E2E_STATE as string, 'utf8')).databaseUrl;

/**
 * The deadline "passes" by moving the notice's due time (and the worker's next event) to two seconds
 * from now in the database, through psql: the API has no test clock, and the worker reads the row.
 */
function dueInTwoSeconds(noticeId: number): void {
  const sql = `UPDATE supervision_notices SET due_at = now() + interval '2 seconds', next_event_at = now() + interval '2 seconds' WHERE id = ${Number(noticeId)} AND next_event = 'overdue'`;
  const r = spawnSync('psql', [databaseUrl(), '-v', 'ON_ERROR_STOP=1', '-c', sql], { encoding: 'utf8' });
  if (r.status !== 0 || !/UPDATE 1/.test(r.stdout)) throw new Error(`psql: ${r.stdout}${r.stderr}`);
}

/** The real worker process on the e2e database and Redis index, sweeping fast; its own process group. */
function startWorker(): ChildProcess {
  const redis = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  redis.pathname = `/${process.env.RB_E2E_REDIS_DB ?? '10'}`;
  return spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/worker.ts'], {
    cwd: api,
    detached: true,
    stdio: 'ignore',
    env: { ...process.env, NODE_ENV: 'development', DATABASE_URL: databaseUrl(), REDIS_URL: redis.toString(), SWEEP_INTERVAL_MS: '300', WORKER_HEALTH_PORT: '0', METRICS_PORT: '0', LOG_LEVEL: 'warn' },
  });
}

async function until<T>(what: string, probe: () => Promise<T>, done: (v: T) => boolean, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (done(v)) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

let browser: Browser;
let worker: ChildProcess | null = null;

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  if (worker?.pid) {
    try {
      process.kill(-worker.pid, 'SIGKILL');
    } catch {
      // already stopped
    }
  }
  await browser?.close();
});

const noticeIdOf = (page: Page) => Number(/id=(\d+)/.exec(page.url())![1]);

describe('督导整改 in the browser: issue, answer, reject, overdue, 降级', () => {
  it('a supervisor issues a notice, the company answers, it is rejected, the deadline passes, the company is downgraded', async () => {
    // 1. The district supervisor issues a notice to 塞上阳光 for 湖畔嘉苑.
    const supervisor = await signIn(browser, 'supervisor');
    await vis(supervisor, '[data-entry="notices"]').click();
    await vis(supervisor, '[data-testid="notice-new"]').click();
    await vis(supervisor, '[data-testid="company-select"]').click();
    await vis(supervisor, '.sheet__option', '宁夏塞上阳光物业').click();
    await vis(supervisor, '[data-testid="notice-compound-select"]').click();
    await vis(supervisor, '.sheet__option', '湖畔嘉苑').click();
    await vis(supervisor, '[data-testid="notice-problem"] textarea').fill('e2e：9号楼电梯多次报修超期未修复，居民评价不满意');
    await vis(supervisor, '[data-testid="notice-expected"] textarea').fill('3个工作日内修复电梯并提交维保记录和照片');
    await vis(supervisor, '[data-testid="notice-days"] input').fill('3');
    await shot(supervisor, 'supervisor-notice-new');
    await vis(supervisor, '[data-testid="notice-submit"]').click();
    await supervisor.waitForURL(/staff\/pages\/notice\/index\?id=\d+/);
    const id = noticeIdOf(supervisor);
    await vis(supervisor, '.notice-detail .chip', '待整改').waitFor();

    // 2. The company's manager answers with a photo.
    const company = await signIn(browser, 'property');
    await vis(company, '[data-entry="notices"]').click();
    await vis(company, `[data-notice="${id}"]`).click();
    await vis(company, '[data-testid="answer-body"] textarea').fill('e2e：已更换曳引机并完成检验');
    await addPhoto(company, makePng());
    await vis(company, '[data-testid="answer-submit"]').click();
    await vis(company, '.notice-detail .chip', '待核验').waitFor();
    const answered = await call('property', 'GET', `/supervision/notices/${id}`);
    expect(answered.answers[0].photos).toHaveLength(1);
    await vis(company, '.notice-answer-item .thumb').waitFor();
    await shot(company, 'company-notice-answered');

    // 3. The supervisor rejects it with a reason.
    await go(supervisor, `/staff/pages/notice/index?id=${id}`);
    await supervisor.reload();
    await vis(supervisor, '[data-testid="verify-reason"] textarea').fill('e2e：现场核查电梯仍有异响');
    await vis(supervisor, '[data-testid="verify-reject"]').click();
    await vis(supervisor, '.notice-detail .chip', '整改未通过').waitFor();
    await vis(supervisor, '[data-verdict="rejected"]').waitFor();

    // 4. The deadline passes; the real worker marks the notice overdue (and 督办 follows).
    dueInTwoSeconds(id);
    worker = startWorker();
    await until('overdue', () => call('supervisor', 'GET', `/supervision/notices/${id}`), (n) => n.status === 'overdue');
    process.kill(-(worker.pid as number), 'SIGTERM');
    worker = null;

    // 5. The supervisor sees it overdue and records the downgrade; the screen shows it.
    await supervisor.reload();
    await vis(supervisor, '.notice-detail .chip', '逾期未整改').waitFor();
    await vis(supervisor, '[data-testid="downgrade"]').click();
    await vis(supervisor, '.notice-downgrade', '湖畔嘉苑：星级降1级').waitFor();
    await shot(supervisor, 'supervisor-notice-downgraded');
    const trail = await call('supervisor', 'GET', `/supervision/notices/${id}`);
    expect(trail.downgrades).toHaveLength(1);

    // 6. The company's trail and the compound's residents show it too (residents in summary).
    await vis(supervisor, '[data-testid="company-trail"]').click();
    await vis(supervisor, '[data-trail="downgrade"]').waitFor();
    await vis(supervisor, '[data-trail="notice_overdue"]').waitFor();
    const resident = await signIn(browser, 'resident');
    await vis(resident, '[data-entry="compound-trail"]').click();
    await vis(resident, '[data-trail="downgrade"]', '星级降1级').waitFor();
    expect(await resident.locator('text=赵志刚').count()).toBe(0);
    await shot(resident, 'resident-compound-trail');
  });
});
