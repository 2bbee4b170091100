import { workbenchFor } from './workbench.util';

const keys = (roles: Parameters<typeof workbenchFor>[0]) => workbenchFor(roles).map((e) => e.key);

describe('workbenchFor: 督导整改 entries', () => {
  it('issuers and the company reach the notices; residents the compound’s 公示', () => {
    expect(keys(['supervisor'])).toContain('notices');
    expect(keys(['street_staff'])).toContain('notices');
    expect(keys(['property_manager'])).toContain('notices');
    expect(keys(['resident'])).toEqual(['report', 'mine', 'household', 'disclosure', 'votes', 'points', 'compound-trail']);
    expect(keys(['property_worker'])).not.toContain('notices');
    expect(keys(['community_staff'])).not.toContain('notices');
  });

  it('lists an entry once for a user with several roles', () => {
    const list = keys(['street_staff', 'supervisor']);
    expect(list.filter((k) => k === 'notices')).toHaveLength(1);
  });
});

describe('workbenchFor: 积分活动', () => {
  it('community staff and admins (who set district-wide rules) reach the points desk; residents and companies do not', () => {
    expect(keys(['community_staff'])).toContain('points-desk');
    expect(keys(['admin'])).toContain('points-desk');
    expect(keys(['resident'])).not.toContain('points-desk');
    expect(keys(['property_manager'])).not.toContain('points-desk');
    expect(keys(['admin', 'community_staff']).filter((k) => k === 'points-desk')).toHaveLength(1);
  });

  it('admins reach the district import and the district data screens; nobody else does', () => {
    expect(keys(['admin'])).toEqual(expect.arrayContaining(['district-import', 'district-data']));
    for (const role of ['community_staff', 'street_staff', 'supervisor', 'resident'] as const) expect(keys([role])).not.toContain('district-import');
  });

  it('admins edit 小区平面图 right after the district data; nobody else does', () => {
    const admin = keys(['admin']);
    expect(admin[admin.indexOf('district-data') + 1]).toBe('site-plans');
    expect(workbenchFor(['admin']).find((e) => e.key === 'site-plans')).toMatchObject({ title: '小区平面图', url: '/staff/pages/site-plans/index' });
    for (const role of ['community_staff', 'street_staff', 'supervisor', 'property_manager', 'resident'] as const) expect(keys([role])).not.toContain('site-plans');
  });
});

describe('workbenchFor: 时限与配置', () => {
  const SETTINGS = ['sla-policies', 'work-calendar', 'categories', 'open311-keys', 'subscribe-templates'];
  it('only admins reach the policy and key screens', () => {
    expect(keys(['admin'])).toEqual(expect.arrayContaining(SETTINGS));
    for (const role of ['supervisor', 'street_staff', 'community_staff', 'property_manager', 'resident'] as const) {
      expect(keys([role]).filter((k) => SETTINGS.includes(k))).toEqual([]);
    }
  });
});

describe('workbenchFor: a street admin', () => {
  it('is offered 人员管理 and 操作日志 only, not the district-wide admin screens', () => {
    const street = { role: 'admin' as const, orgUnit: { kind: 'street' } };
    expect(workbenchFor(['admin'], [street]).map((e) => e.key)).toEqual(['people', 'audit']);
    expect(workbenchFor(['admin'], [street]).map((e) => e.key)).not.toContain('site-plans');
    expect(workbenchFor(['admin'], [{ role: 'admin', orgUnit: null }]).map((e) => e.key)).toEqual(expect.arrayContaining(['sla-policies', 'site-plans']));
  });
});

describe('workbenchFor: 人员管理, 操作日志, 绑定房屋', () => {
  it('admins manage people and read the trail; community staff review household requests; residents ask', () => {
    expect(keys(['admin']).slice(0, 2)).toEqual(['people', 'audit']);
    expect(keys(['community_staff'])).toContain('households');
    expect(keys(['resident'])).toContain('household');
    expect(keys(['property_manager'])).not.toContain('people');
    expect(keys(['street_staff'])).not.toContain('audit');
  });
});
