import type { Browser } from 'playwright-core';
import { call } from './api.client';
import { launch, shot, signIn, vis } from './browser.helpers';

jest.setTimeout(120_000);

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('辖区数据导入 in the browser: the admin previews an org-tree file, imports it, and finds it in 辖区基础数据', () => {
  it('runs from the workbench to the imported street', async () => {
    const street = `e2e满城北街街道${Date.now().toString(36)}`;
    const csv = Buffer.from(`\uFEFF街道,社区,网格,小区,楼栋,户数,单元数,建筑面积（㎡）,地址\r\n${street},,,,,,,,\r\n${street},中强巷社区,,,,,,,\r\n${street},中强巷社区,,明园小区,,486,,42600.00,银川市金凤区满城北街\r\n`, 'utf8');
    const admin = await signIn(browser, 'admin');
    await vis(admin, '[data-entry="district-import"]').click();
    const [chooser] = await Promise.all([admin.waitForEvent('filechooser'), vis(admin, '[data-testid="district-import-choose"]').click()]);
    await chooser.setFiles({ name: '组织架构.csv', mimeType: 'text/csv', buffer: csv });
    await vis(admin, '[data-testid="district-import-summary"]', '新增 3').waitFor();
    await shot(admin, 'admin-district-import-preview');
    // The preview wrote nothing.
    const before = await call('admin', 'GET', '/admin/org-units');
    const children = async () => (await call('admin', 'GET', `/admin/org-units?parentId=${before.items[0].id}`)).items as Array<{ id: number; name: string }>;
    expect((await children()).some((u) => u.name === street)).toBe(false);

    await vis(admin, '[data-testid="district-import-confirm"]').click();
    await vis(admin, '.section-title', '导入结果').waitFor();
    const imported = (await children()).find((u) => u.name === street);
    expect(imported).toBeDefined();

    await admin.goBack();
    await vis(admin, '[data-entry="district-data"]').click();
    await vis(admin, '.item-head__title', '区 金凤区').click();
    await vis(admin, '[data-testid="unit-children"]').click();
    await vis(admin, '.item-head__title', street).waitFor();
    await shot(admin, 'admin-district-data');
  });
});
