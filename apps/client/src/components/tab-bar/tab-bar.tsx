import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { Role } from '@red-butler/domain';
import { tabsFor, type TabKey } from './tab-bar.util';

/**
 * The bottom bar of the top-level screens, drawn by the page itself so it is the same on WeChat and
 * H5 (a native tabBar would need these pages in the main package's tab list and cannot depend on
 * the role). Switching tabs replaces the page stack, like a native tab bar does.
 */
export function TabBar({ roles, current }: { roles: readonly Role[]; current: TabKey }) {
  return (
    <View className="tab-bar" role="tablist" aria-label="主菜单" data-testid="tab-bar">
      {tabsFor(roles).map((t) => (
        <View
          key={t.key}
          className={`tab-bar__item ${t.key === current ? 'tab-bar__item--on' : ''}`}
          role="tab"
          aria-selected={t.key === current}
          data-tab={t.key}
          onClick={() => t.key !== current && void Taro.reLaunch({ url: t.url })}
        >
          <Text className="tab-bar__icon" aria-hidden>{t.icon}</Text>
          <Text className="tab-bar__label">{t.label}</Text>
        </View>
      ))}
    </View>
  );
}
