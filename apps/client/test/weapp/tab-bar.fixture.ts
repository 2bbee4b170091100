import { categories, compounds, me } from './fixtures';
import type { FakeResponse } from './weapp.harness';

export const staffMe = { ...me, roles: ['property_manager'], scopes: [{ role: 'property_manager', roleLabel: '物业项目经理', orgUnit: null, organization: null }] };

const openTicket = {
  id: 41, no: 'HG1', status: 'accepted', priority: 'normal', category: { id: 3, name: '电梯故障', icon: 'elevator' }, compound: { id: 30, name: '湖畔嘉苑' },
  building: null, description: '电梯停在3楼', createdAt: '2026-03-05T02:04:00Z', channel: 'mini_program',
};

/** The API for the tab bar pages, signed in as `user` (the app keeps its session per load: one user a file). */
export const tabBarApi = (user: object) => (method: string, url: string): FakeResponse => {
  const path = url.replace('http://127.0.0.1:3000', '');
  if (path === '/api/me') return { statusCode: 200, data: user };
  if (path === '/api/categories') return { statusCode: 200, data: { items: categories } };
  if (path === '/api/org/compounds') return { statusCode: 200, data: { items: compounds } };
  if (path.startsWith('/api/messages/unread')) return { statusCode: 200, data: { total: 0 } };
  if (path.startsWith('/api/messages')) return { statusCode: 200, data: { items: [], nextCursor: null } };
  if (method === 'GET' && path.startsWith('/api/tickets')) return { statusCode: 200, data: { items: [openTicket], nextCursor: null } };
  return { statusCode: 404, data: { code: 'NOT_FOUND', message: path } };
};
