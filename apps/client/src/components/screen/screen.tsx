import { View } from '@tarojs/components';
import type { PropsWithChildren } from 'react';
import { useElderMode } from '../../state/elder-mode.store';

/** Every page's root: applies 长辈模式 (larger text, stronger contrast) from the persisted switch. */
export function Screen({ children, className }: PropsWithChildren<{ className?: string }>) {
  const elder = useElderMode();
  return <View className={['screen', elder ? 'screen--elder' : '', className ?? ''].join(' ').trim()}>{children}</View>;
}
