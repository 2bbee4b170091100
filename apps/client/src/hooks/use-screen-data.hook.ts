import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { errorText } from '../api/api-error';

/**
 * Data a screen shows: fetched once signed in, again when the page comes back into view (after an
 * action screen changed it) and on pull-to-refresh; a failure becomes Chinese text to show.
 */
export function useScreenData<T>(fetch: () => Promise<T>, enabled: boolean) {
  const [data, setData] = useState<T | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const fetchRef = useRef(fetch);
  fetchRef.current = fetch;

  const load = useCallback(async () => {
    try {
      setData(await fetchRef.current());
      setProblem(null);
    } catch (error) {
      setProblem(errorText(error));
    }
  }, []);

  useEffect(() => {
    if (enabled) void load();
  }, [enabled, load]);
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current && enabled) void load();
    shown.current = true;
  });
  usePullDownRefresh(() => void load().finally(() => Taro.stopPullDownRefresh()));

  return { data, setData, problem, reload: load };
}
