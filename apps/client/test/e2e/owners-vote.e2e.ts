import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { call } from './api.client';
import { go, launch, shot, signIn, vis } from './browser.helpers';

/** The window: long enough for every step below on a slow machine; its end is then moved to now. */
const WINDOW_MS = 90_000;
jest.setTimeout(240_000);

/** The throwaway database the setup created (e2e.setup.js keeps it in its state file). */
const databaseUrl = (): string => JSON.parse(readFileSync(process.env.RB_E2E_STATE as string, 'utf8')).databaseUrl;

function closeWindowNow(voteId: number): void {
  const sql = `UPDATE owner_votes SET closes_at = now() WHERE id = ${Number(voteId)} AND status = 'scheduled'`;
  const r = spawnSync('psql', [databaseUrl(), '-v', 'ON_ERROR_STOP=1', '-c', sql], { encoding: 'utf8' });
  if (r.status !== 0 || !/UPDATE 1/.test(r.stdout)) throw new Error(`psql: ${r.stdout}${r.stderr}`);
}

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const unitId = async (label: string): Promise<number> => {
  const register = await call<{ items: Array<{ id: number; building: { name: string }; unitNo: string }> }>('community3', 'GET', `/compounds/${compoundId}/register`);
  return register.items.find((u) => `${u.building.name} ${u.unitNo}` === label)!.id;
};
let compoundId = 0;

/** The owner taps an option for one of their units and waits for the page to show it as chosen. */
async function voteFor(page: Page, unit: number, option: number, label: string): Promise<void> {
  await vis(page, `[data-unit="${unit}"] [data-option="${option}"]`).click();
  await vis(page, `[data-unit="${unit}"] [data-testid="my-choice"]`, `已选“${label}”`).waitFor({ timeout: 15_000 });
}

/** Paper or on-site: the 业委会 picks the unit, the option and the channel in the form's sheets. */
async function enterPaper(page: Page, unitLabel: string, optionLabel: string, channelLabel: string): Promise<void> {
  await vis(page, '[data-testid="paper-unit"]').click();
  await vis(page, '.sheet__option', unitLabel).click();
  await vis(page, '[data-testid="paper-option"]').click();
  await vis(page, '.sheet__option', optionLabel).click();
  await vis(page, '[data-testid="paper-channel"]').click();
  await vis(page, '.sheet__option', channelLabel).click();
  await vis(page, '[data-testid="paper-submit"]').click();
}

describe('业主大会 in 云凤花园: a vote opens, owners vote in the mini-program, the 业委会 enters paper ballots, the result is published', () => {
  it('runs from draft to the 公示栏', async () => {
    // The 业委会 drafts in the client (the form), and a second vote with a short window through the API.
    const committee = await signIn(browser, 'committee');
    await vis(committee, '[data-entry="votes"]').click();
    await vis(committee, '[data-testid="new-vote"]').click();
    await vis(committee, '[data-testid="draft-question"] textarea').fill('是否同意在小区东门增设快递柜');
    await vis(committee, '[data-testid="draft-submit"]').click();
    await committee.waitForURL(/pages\/vote\/index\?id=\d+/);
    await vis(committee, '[data-testid="vote-phase"]', '待社区审核').waitFor();

    const me = await call<{ scopes: Array<{ role: string; orgUnit: { id: number } | null }> }>('committee', 'GET', '/me');
    compoundId = me.scopes.find((s) => s.role === 'owners_committee_member')!.orgUnit!.id;
    const opensAt = new Date(Date.now() - 1000);
    const closesAt = new Date(Date.now() + WINDOW_MS);
    const vote = await call<{ id: number }>('committee', 'POST', '/votes', {
      compoundId, question: '是否解聘现物业服务企业', options: ['同意', '不同意'], matter: 'ordinary',
      opensAt: opensAt.toISOString(), closesAt: closesAt.toISOString(),
    });

    // 社区审核 in the client.
    const community = await signIn(browser, 'community3');
    await go(community, `/pages/vote/index?id=${vote.id}`);
    await vis(community, '.btn', '审核通过').click();
    await vis(community, '[data-testid="vote-phase"]', '投票中').waitFor();
    await shot(community, 'vote-reviewed');

    // 何淑珍 owns two units (one head): she votes 同意 for both from the votes list.
    const owner = await signIn(browser, 'owner');
    await vis(owner, '[data-entry="votes"]').click();
    await vis(owner, `[data-vote="${vote.id}"]`).click();
    await voteFor(owner, await unitId('2号楼 1-301'), 0, '同意');
    await voteFor(owner, await unitId('5号楼 2-601'), 0, '同意');
    await shot(owner, 'vote-owner-ballots');
    // 杨宏伟 votes 不同意.
    const owner2 = await signIn(browser, 'owner2');
    await go(owner2, `/pages/vote/index?id=${vote.id}`);
    await voteFor(owner2, await unitId('5号楼 2-602'), 1, '不同意');

    // The 业委会委员 votes for his own unit, and enters 冯志强's paper ballot and the developer's on-site one.
    await go(committee, `/pages/vote/index?id=${vote.id}`);
    await voteFor(committee, await unitId('2号楼 1-302'), 0, '同意');
    await enterPaper(committee, '11号楼 3-1201', '同意', '书面表决票');
    await vis(committee, '[data-testid="participation"]', '已投票 5 / 8 户').waitFor({ timeout: 15_000 });
    await enterPaper(committee, '8号楼 1-102', '不同意', '现场投票');
    await vis(committee, '[data-testid="participation"]', '已投票 6 / 8 户').waitFor({ timeout: 15_000 });
    await shot(committee, 'vote-paper-ballots');
    const trail = await call<{ items: Array<{ channel: string | null; actor: { displayName: string } | null }> }>('committee', 'GET', `/votes/${vote.id}/trail`);
    expect(trail.items.filter((e) => e.channel === 'paper' || e.channel === 'on_site').map((e) => e.actor?.displayName)).toEqual(['马建军', '马建军']);

    // The window closes: the first read after it counts, freezes and publishes (the worker would too, once).
    // Rather than wait out the window, its end is moved to now in the database (the API has no test clock).
    closeWindowNow(vote.id);
    await go(owner, `/pages/vote/index?id=${vote.id}`);
    await owner.reload();
    await vis(owner, '[data-testid="vote-phase"]', '已公示结果').waitFor({ timeout: 20_000 });
    // 866.01 m², 6 heads; took part 646.59 m² and 5 heads (≥ 2/3 of each);
    // 同意 472.04 m², 3 heads (何淑珍 once for two units) > half of both → carried.
    await vis(owner, '[data-testid="vote-outcome"]', '“同意”获得参与表决面积和人数过半数同意，形成决定').waitFor();
    await vis(owner, '.vote-result__row', '472.04 ㎡ · 3 人').waitFor();
    await shot(owner, 'vote-result');
    const result = await call<{ result: { total: { areaM2: string; heads: number }; participated: { areaM2: string; heads: number }; quorum: boolean } }>('owner', 'GET', `/votes/${vote.id}`);
    expect(result.result).toMatchObject({ total: { areaM2: '866.01', heads: 6 }, participated: { areaM2: '646.59', heads: 5 }, quorum: true });

    // The 公示栏 of 云凤花园 carries the result.
    await go(owner, '/pages/votes/index');
    await vis(owner, '.notice', '业主大会表决结果公示：是否解聘现物业服务企业').waitFor({ timeout: 15_000 });
    await shot(owner, 'vote-notice-board');
    // Another compound's resident sees neither the vote nor its notice.
    const outsider = await call<{ items: Array<{ id: number }> }>('resident', 'GET', '/votes');
    expect(outsider.items.map((v) => v.id)).not.toContain(vote.id);
  });
});
