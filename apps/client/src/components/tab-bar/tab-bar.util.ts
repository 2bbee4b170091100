import type { Role } from '@red-butler/domain';
import { isResidentOnly } from '../../lib/workbench.util';

export type TabKey = 'home' | 'report' | 'messages' | 'mine';

export interface Tab {
  key: TabKey;
  label: string;
  icon: string;
  url: string;
}

const RESIDENT_TABS: Tab[] = [
  { key: 'home', label: '首页', icon: '🏠', url: '/pages/index/index' },
  { key: 'report', label: '报事', icon: '📷', url: '/pages/report/index' },
  { key: 'mine', label: '我的', icon: '👤', url: '/pages/mine/index' },
];

const STAFF_TABS: Tab[] = [
  { key: 'home', label: '工作台', icon: '🧰', url: '/pages/index/index' },
  { key: 'messages', label: '消息', icon: '🔔', url: '/pages/messages/index' },
  { key: 'mine', label: '我的', icon: '👤', url: '/pages/mine/index' },
];

/** Residents: 首页 / 报事 / 我的; anyone with a staff role: 工作台 / 消息 / 我的. */
export function tabsFor(roles: readonly Role[]): Tab[] {
  return isResidentOnly(roles) ? RESIDENT_TABS : STAFF_TABS;
}
