import type { Browser, Locator } from 'playwright-core';
import { call } from './api.client';
import { go, launch, shot, signIn, vis } from './browser.helpers';

jest.setTimeout(120_000);

let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

type Plan = { width: number; height: number; buildings: Array<{ buildingId: number; label: string; polygon: number[][] }> };

/** Clicks the plan picture at a plan point: the picture is the whole sheet, scaled to its width. */
async function tapPlan(img: Locator, plan: Plan, x: number, y: number): Promise<void> {
  // widthFix sizes the picture once it has loaded, and on a busy machine that can come after the
  // element is visible: a tap aimed at an earlier box lands elsewhere on the plan. Aim only once the
  // picture is decoded and its box has held still for two frames.
  await img.evaluate((el) => {
    const pic = el.tagName === 'IMG' ? (el as HTMLImageElement) : el.querySelector('img');
    return pic?.decode?.().catch(() => undefined);
  });
  let box = await img.boundingBox();
  for (let i = 0; i < 50; i += 1) {
    await img.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const now = await img.boundingBox();
    if (box && now && now.width === box.width && now.height === box.height && now.x === box.x && now.y === box.y) break;
    box = now;
  }
  if (!box) throw new Error('the plan image is not laid out');
  await img.click({ position: { x: (x / plan.width) * box.width, y: (y / plan.height) * box.height } });
}

const centre = (ring: number[][]) => ({
  x: (Math.min(...ring.map((p) => p[0])) + Math.max(...ring.map((p) => p[0]))) / 2,
  y: (Math.min(...ring.map((p) => p[1])) + Math.max(...ring.map((p) => p[1]))) / 2,
});

describe('小区平面图 in the browser (H5 against the real API)', () => {
  it('a resident taps 9号楼 on the plan → the ticket carries the point and the building → community staff see its pin and open it', async () => {
    const me = await call('resident', 'GET', '/me');
    const compoundId: number = me.compound.id;
    const { plan } = await call<{ plan: Plan }>('resident', 'GET', `/compounds/${compoundId}/plan`);
    const ninth = plan.buildings.find((b) => b.label === '9号楼')!;
    const target = centre(ninth.polygon);

    const resident = await signIn(browser, 'resident');
    await vis(resident, '[data-entry="report"]').click();
    await vis(resident, '[data-category="street_light_out"]').click();
    await vis(resident, '.report-form textarea').fill('e2e平面图：9号楼门前路灯不亮');
    const img = vis(resident, '#site-plan-picker img');
    await img.waitFor();
    // The whole sheet shows, scaled to the width (widthFix), not cut off by the image box.
    const [host, pic] = [await vis(resident, '#site-plan-picker').boundingBox(), await img.boundingBox()];
    expect(Math.abs(pic!.height / pic!.width - plan.height / plan.width)).toBeLessThan(0.02);
    expect(host!.height).toBeGreaterThanOrEqual(pic!.height - 1);
    // The geolocation prompt is never raised without the resident's tap on the consent button.
    await vis(resident, '[data-testid="geo-consent"]').waitFor();
    await tapPlan(img, plan, target.x, target.y);
    await vis(resident, '[data-testid="plan-pick"]', '已标记：9号楼').waitFor();
    await vis(resident, '[data-testid="building-select"]', '9号楼').waitFor();
    await shot(resident, 'resident-report-site-plan');
    await vis(resident, '[data-testid="submit-report"]').click();
    await resident.waitForURL(/pages\/ticket\/index\?id=\d+/);
    const id = Number(/id=(\d+)/.exec(resident.url())![1]);
    const ticket = await call('resident', 'GET', `/tickets/${id}`);
    expect(ticket.building).toEqual({ id: ninth.buildingId, name: '9号楼' });
    expect(Math.abs(ticket.planPoint.x - target.x)).toBeLessThan(2);
    expect(Math.abs(ticket.planPoint.y - target.y)).toBeLessThan(2);

    const community = await signIn(browser, 'community');
    await vis(community, '[data-entry="queue"]').click();
    await vis(community, '.link', '平面图看板').click();
    await community.waitForURL(/plan-map/);
    await go(community, `/staff/pages/plan-map/index?compoundId=${compoundId}`);
    await vis(community, `[data-pin-id="${id}"]`).waitFor();
    // The board opened from the queue slides out for 300 ms and, for the same compound, shows the same
    // pin: aim at the page that stays, once it is the only one.
    await community.waitForFunction(() => document.querySelectorAll('#plan-map').length === 1);
    const map = vis(community, '#plan-map img');
    await map.waitFor();
    await shot(community, 'community-plan-map');
    await tapPlan(map, plan, ticket.planPoint.x, ticket.planPoint.y);
    await community.waitForURL(new RegExp(`pages/ticket/index\\?id=${id}`));
    await vis(community, '.detail .timeline').waitFor();
  });
});
