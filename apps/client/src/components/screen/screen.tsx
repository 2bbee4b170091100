import { View } from '@tarojs/components';
import type { PropsWithChildren } from 'react';
import { pageChrome } from '../../platform/page-chrome';
import { useMe } from '../../state/session.store';
import { useElderMode } from '../../state/elder-mode.store';
import { NavBar } from '../nav-bar/nav-bar';
import { TabBar } from '../tab-bar/tab-bar';
import type { TabKey } from '../tab-bar/tab-bar.util';

export interface ScreenProps {
  className?: string;
  /** A top-level screen: shows the bottom tab bar with this tab highlighted (signed-in users only). */
  tab?: TabKey;
  /** No title bar (the login page). */
  bare?: boolean;
}

/**
 * Every page's root: applies 长辈模式 (larger text, stronger contrast) from the persisted switch,
 * draws the title bar where the platform has none (H5) and the tab bar on top-level screens.
 */
export function Screen({ children, className, tab, bare = false }: PropsWithChildren<ScreenProps>) {
  const elder = useElderMode();
  const me = useMe();
  const tabbed = !!tab && !!me;
  const classes = ['screen', elder ? 'screen--elder' : '', tabbed ? 'screen--tabbed' : '', className ?? ''];
  return (
    <View className={classes.join(' ').replace(/\s+/g, ' ').trim()}>
      {pageChrome.drawsOwnNavBar && !bare && <NavBar />}
      {children}
      {tabbed && <TabBar roles={me.roles} current={tab} />}
    </View>
  );
}
