import { readFileSync } from 'fs';
import { join } from 'path';
import { render, screen } from '@testing-library/react';
import { adminApi } from '../../api/admin.api';
import CategoriesPage from './categories/index';
import Open311KeysPage from './open311-keys/index';
import SlaPoliciesPage from './sla-policies/index';
import SubscribeTemplatesPage from './subscribe-templates/index';
import WorkCalendarPage from './work-calendar/index';

const me = { current: { id: 1, roles: ['admin'], scopes: [] } as { id: number; roles: string[]; scopes: unknown[] } };
jest.mock('../../hooks/use-me.hook', () => ({ useSignedIn: () => me.current }));
jest.mock('../../api/org.api', () => ({ orgApi: { departments: jest.fn(async () => []), forget: jest.fn() } }));
jest.mock('../../api/admin.api', () => ({
  adminApi: {
    categories: jest.fn(async () => [{ id: 2, code: 'street_light_out', name: '路灯不亮', groupName: '公共设施', icon: 'light', handlerKind: 'company', defaultPriority: 'normal', departmentId: null, departmentName: null, publiclyListed: true, active: true, sortOrder: 1 }]),
    slaPolicies: jest.fn(async () => []),
    calendar: jest.fn(async () => ({ workdayStart: '08:30', workdayEnd: '17:30', holidays: [], workingWeekends: [] })),
    open311Keys: jest.fn(async () => []),
    subscribeTemplates: jest.fn(async () => [{ template: 'status', label: '工单状态通知', templateId: null, source: 'none', envDefault: null, updatedAt: null }]),
  },
}));
// app.config.ts calls Taro's build-time defineAppConfig: read its page list as text.
const appConfig = readFileSync(join(__dirname, '../../app.config.ts'), 'utf8');

const PAGES = [
  ['sla-policies', SlaPoliciesPage, '[data-policy="2:normal"]'],
  ['work-calendar', WorkCalendarPage, '[data-testid="calendar-summary"]'],
  ['categories', CategoriesPage, '[data-testid="category-2"]'],
  ['open311-keys', Open311KeysPage, '[data-testid="key-issue"]'],
  ['subscribe-templates', SubscribeTemplatesPage, '[data-template="status"]'],
] as const;

describe('admin settings screens (时限与配置)', () => {
  it.each(PAGES)('%s: registered in app.config and shows its editor to an admin', async (path, Page, marker) => {
    me.current = { id: 1, roles: ['admin'], scopes: [] };
    expect(appConfig).toContain(`'pages/${path}/index'`);
    render(<Page />);
    await screen.findByText((_, el) => !!el?.matches(marker));
  });

  it.each(PAGES)('%s: tells anyone else it is for admins, without loading anything', (_path, Page) => {
    me.current = { id: 2, roles: ['supervisor'], scopes: [] };
    jest.clearAllMocks();
    render(<Page />);
    expect(screen.getByText('仅系统管理员可用')).toBeTruthy();
    expect(Object.values(adminApi).some((f) => (f as jest.Mock).mock.calls.length > 0)).toBe(false);
  });
});
