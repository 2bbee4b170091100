import type { Browser, Page } from 'playwright-core';
import { call, token } from './api.client';
import { expectStatus, launch, shot, signIn, vis, webUrl } from './browser.helpers';

jest.setTimeout(120_000);

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

type Kind = 'org' | 'companies' | 'contracts';

/** The header key the API matches on: "建筑面积（㎡）" is 建筑面积. */
const headerKey = (h: string) => h.replace(/[（(][^）)]*[）)]/g, '').replace(/[\s\u3000\uFEFF"]/g, '');

/**
 * A CSV under the header of the API's own template (rows by header name, so a reordered or extended
 * template still fits), and the API's clock from the answer's Date header.
 */
async function fromTemplate(kind: Kind, rows: Array<Record<string, string>>): Promise<{ csv: Buffer; apiNow: Date }> {
  const res = await fetch(`${process.env.E2E_API_URL}/api/admin/district-import/template?kind=${kind}&format=csv`, {
    headers: { authorization: `Bearer ${await token('admin')}` },
  });
  if (!res.ok) throw new Error(`template ${kind}: ${res.status}`);
  const header = (await res.text()).replace(/^\uFEFF/, '').split(/\r?\n/)[0];
  const columns = header.split(',').map(headerKey);
  for (const row of rows) for (const name of Object.keys(row)) if (!columns.includes(name)) throw new Error(`template ${kind} has no column ${name}: ${header}`);
  const lines = [header, ...rows.map((row) => columns.map((c) => row[c] ?? '').join(','))];
  return { csv: Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8'), apiNow: new Date(res.headers.get('date') ?? Date.now()) };
}

/** 统一社会信用代码 with its check character (GB 32100-2015, as apps/api/src/district-import/uscc.util.ts). */
const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
function uscc(seed: number): string {
  let tail = '';
  for (let n = seed, i = 0; i < 8; i++, n = Math.floor(n / 31)) tail = USCC_CHARSET[n % 31] + tail;
  const body = `91640106MA${tail}`.slice(0, 17);
  const sum = [...body].reduce((s, ch, i) => s + USCC_CHARSET.indexOf(ch) * USCC_WEIGHTS[i], 0);
  return body + USCC_CHARSET[(31 - (sum % 31)) % 31];
}

const day = (d: Date) => d.toISOString().slice(0, 10);

/** Chooses the kind, uploads the file, checks the preview and confirms; the result screen follows. */
async function importFile(admin: Page, kind: Kind, name: string, csv: Buffer, created: number): Promise<void> {
  await vis(admin, `[data-testid="district-import-kinds"] [data-kind="${kind}"]`).click();
  const [chooser] = await Promise.all([admin.waitForEvent('filechooser'), vis(admin, '[data-testid="district-import-choose"]').click()]);
  await chooser.setFiles({ name, mimeType: 'text/csv', buffer: csv });
  await vis(admin, '[data-testid="district-import-summary"]', `新增 ${created}`).waitFor();
  await shot(admin, `onboarding-import-${kind}-preview`);
  await vis(admin, '[data-testid="district-import-confirm"]').click();
  await vis(admin, '.section-title', '导入结果').waitFor();
}

describe('a new community comes on board (#12): district import → a staff account → its first dispatch, in the browser', () => {
  it('admin imports the district from the templates, creates a community staff account; the person redeems the code and dispatches a ticket to the new company', async () => {
    const run = Date.now().toString(36);
    const street = `e2e迎新街道${run}`;
    const community = `e2e迎新社区${run}`;
    const compound = `e2e迎新小区${run}`;
    const company = `e2e迎新物业服务有限公司${run}`;
    const code = uscc(Date.now() % 31 ** 8);
    const username = `e2e.onboard.${run}`;
    const staffName = `迎新社工${run}`;

    // 1. 辖区数据导入: the org tree, the company, the contract, each from its template.
    const admin = await signIn(browser, 'admin');
    await vis(admin, '[data-entry="district-import"]').click();
    const org = await fromTemplate('org', [
      { 街道: street },
      { 街道: street, 社区: community },
      { 街道: street, 社区: community, 网格: '第一网格' },
      { 街道: street, 社区: community, 网格: '第一网格', 小区: compound, 户数: '120', 建筑面积: '10800.00', 地址: '银川市金凤区e2e路1号' },
      { 街道: street, 社区: community, 网格: '第一网格', 小区: compound, 楼栋: '1号楼', 户数: '60', 单元数: '2' },
    ]);
    await importFile(admin, 'org', '组织架构.csv', org.csv, 5);
    const companies = await fromTemplate('companies', [{ 统一社会信用代码: code, 企业名称: company, 简称: `迎新物业${run}`, 联系电话: '0951-5550000', 国企兜底: '否' }]);
    await importFile(admin, 'companies', '物业公司.csv', companies.csv, 1);
    // From yesterday to a year on by the API's clock, so the contract is in force whatever the time zone.
    const startsOn = day(new Date(companies.apiNow.getTime() - 86_400_000));
    const endsOn = day(new Date(companies.apiNow.getTime() + 366 * 86_400_000));
    const contract = await fromTemplate('contracts', [{ 社区: community, 小区: compound, 统一社会信用代码: code, 企业名称: company, 服务方式: '物业合同', 开始日期: startsOn, 结束日期: endsOn }]);
    await importFile(admin, 'contracts', '物业合同.csv', contract.csv, 1);
    await shot(admin, 'onboarding-import-done');
    const compounds = await call<{ items: Array<{ id: number; name: string }> }>('admin', 'GET', `/org/compounds?q=${encodeURIComponent(compound)}`);
    const newCompound = compounds.items.find((c) => c.name === compound)!;
    expect(newCompound).toBeDefined();

    // 2. 人员管理: a community_staff account for the new community; the one-time code is on screen.
    await admin.goBack();
    await vis(admin, '[data-entry="people"]').click();
    await vis(admin, '[data-testid="people-new"]').click();
    await vis(admin, '[data-testid="person-username"] input').fill(username);
    await vis(admin, '[data-testid="person-name"] input').fill(staffName);
    await vis(admin, '[data-testid="person-role-role"]').click();
    await vis(admin, '.sheet__option', '社区工作人员').click();
    await vis(admin, '[data-testid="person-role-scope"]').click();
    await vis(admin, '.sheet__option', community).click();
    await shot(admin, 'onboarding-person-form');
    await vis(admin, '[data-testid="person-create"]').click();
    const invite = (await vis(admin, '[data-testid="issued-code-value"]').textContent())!.trim();
    expect(invite).not.toBe('');
    await shot(admin, 'onboarding-issued-code');

    // 3. The person, in a browser of their own, sets a password with the code and is signed in.
    const context = await browser.newContext({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, locale: 'zh-CN' });
    const staff = await context.newPage();
    staff.on('pageerror', (e) => console.error(`[${username}] page error: ${e.message}`));
    await staff.goto(`${webUrl()}/`);
    await vis(staff, '[data-testid="redeem-toggle"]').click();
    await vis(staff, '[data-testid="redeem-username"] input').fill(username);
    await vis(staff, '[data-testid="redeem-code"] input').fill(invite);
    await vis(staff, '[data-testid="redeem-password"] input').fill(`Yingxin-${run}`);
    await vis(staff, '[data-testid="redeem-again"] input').fill(`Yingxin-${run}`);
    await shot(staff, 'onboarding-redeem');
    await vis(staff, '[data-testid="redeem-submit"]').click();
    await vis(staff, '.home__hello', `${staffName}，您好`).waitFor();
    await vis(staff, '.home__hello', community).waitFor();
    await shot(staff, 'onboarding-staff-home');

    // 4. A resident reports in the new compound; the new staff member dispatches it to the new company.
    const categories = await call<{ items: Array<{ id: number; code: string }> }>('resident', 'GET', '/categories');
    const categoryId = categories.items.find((c) => c.code === 'street_light_out')!.id;
    const ticket = await call<{ id: number }>('resident', 'POST', '/tickets', { categoryId, compoundId: newCompound.id, description: `e2e：${compound}1号楼门前路灯不亮` });
    await vis(staff, '[data-entry="queue"]').click();
    await vis(staff, `[data-ticket-id="${ticket.id}"]`).click();
    await vis(staff, '.detail .timeline').waitFor();
    await expectStatus(staff, '待派单');
    await vis(staff, '[data-testid="suggested-handler"]', company).waitFor();
    await shot(staff, 'onboarding-staff-detail');
    await vis(staff, '[data-action="dispatch"]').click();
    await vis(staff, '[data-testid="company-select"]').click();
    await vis(staff, '.sheet__option', company).click();
    await shot(staff, 'onboarding-dispatch-form');
    await vis(staff, '[data-testid="confirm"]').click();
    await expectStatus(staff, '待接单');
    await shot(staff, 'onboarding-dispatched');

    const people = await call<{ items: Array<{ id: number; username: string | null }> }>('admin', 'GET', `/admin/users?q=${encodeURIComponent(username)}`);
    const person = people.items.find((p) => p.username === username)!;
    const detail = await call('admin', 'GET', `/tickets/${ticket.id}`);
    expect(detail).toMatchObject({ status: 'dispatched', handler: { kind: 'company', name: company } });
    const dispatch = (detail.timeline as Array<{ action: string; actor: { id: number | null; displayName: string; role: string } }>).find((e) => e.action === 'dispatch');
    expect(dispatch?.actor).toEqual({ id: person.id, displayName: staffName, role: 'community_staff' });
    await context.close();
  });
});
