import { useDidHide, useDidShow, useUnload } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * The current time, refreshed every `periodMs` while the page is on screen, for countdowns. The
 * timer stops when the page is hidden (another page on top, the app in the background) or unloaded,
 * and restarts — with a fresh reading — when it shows again.
 */
export function useNow(periodMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  const timer = useRef<ReturnType<typeof setInterval> | null>(null);

  const stop = useCallback(() => {
    if (timer.current !== null) clearInterval(timer.current);
    timer.current = null;
  }, []);
  const start = useCallback(() => {
    stop();
    setNow(Date.now());
    timer.current = setInterval(() => setNow(Date.now()), periodMs);
  }, [periodMs, stop]);

  useEffect(() => {
    start();
    return stop;
  }, [start, stop]);
  useDidShow(start);
  useDidHide(stop);
  useUnload(stop);
  return now;
}
