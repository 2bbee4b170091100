import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { pageChrome } from '../../platform/page-chrome';

export const HOME_PAGE = '/pages/index/index';

export interface NavBarProps {
  /** Defaults to the document title (H5), kept current when a page renames itself. */
  title?: string;
  /** Defaults to whether an earlier page is in the stack (not so after a deep link or reload). */
  canGoBack?: boolean;
  /** Defaults to whether this is the home page (no home button there). */
  atHome?: boolean;
}

function currentPath(): string {
  const path = Taro.getCurrentInstance?.()?.router?.path ?? '';
  return path.split('?')[0];
}

/** The H5 title bar: back (when there is somewhere to go back to) and home, both 48 px or larger. */
export function NavBar(props: NavBarProps) {
  // H5 keeps earlier pages mounted and shares one document.title: each bar takes its own page's
  // configured title, and follows title changes only while its page is the one on screen.
  const [page] = useState(() => Taro.getCurrentInstance?.()?.page ?? null);
  const [docTitle, setDocTitle] = useState(() => (page?.config as { navigationBarTitleText?: string } | undefined)?.navigationBarTitleText ?? pageChrome.title());
  useEffect(
    () =>
      pageChrome.onTitleChange((t) => {
        const current = Taro.getCurrentInstance?.()?.page ?? null;
        if (!page || current === page) setDocTitle(t);
      }),
    [page],
  );
  const title = props.title ?? docTitle;
  const canGoBack = props.canGoBack ?? Taro.getCurrentPages().length > 1;
  const atHome = props.atHome ?? currentPath() === HOME_PAGE;
  return (
    <View className="nav-bar" role="navigation" aria-label="页面导航" data-testid="nav-bar">
      <View className="nav-bar__side">
        {canGoBack && !atHome && (
          <View className="nav-bar__btn" role="button" aria-label="返回上一页" data-testid="nav-back" onClick={() => void Taro.navigateBack()}>
            <Text className="nav-bar__icon">‹</Text>
            <Text>返回</Text>
          </View>
        )}
      </View>
      <Text className="nav-bar__title">{title}</Text>
      <View className="nav-bar__side nav-bar__side--end">
        {!atHome && (
          <View className="nav-bar__btn" role="button" aria-label="回到首页" data-testid="nav-home" onClick={() => void Taro.reLaunch({ url: HOME_PAGE })}>
            <Text>首页</Text>
          </View>
        )}
      </View>
    </View>
  );
}
