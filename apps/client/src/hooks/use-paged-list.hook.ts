import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { errorText } from '../api/api-error';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * A list that scrolls on forever: keyset pages (the API's `nextCursor`, valid for the same query),
 * the next one fetched on reaching the bottom, one fetch at a time; pull down to start again from
 * the top. `key` names the query: a new key starts over and drops the answers of older fetches.
 * `fetchPage` null: nothing to load yet (not signed in).
 */
export function usePagedList<T>(key: string, fetchPage: ((cursor: string | undefined) => Promise<Page<T>>) | null) {
  const [items, setItems] = useState<T[]>([]);
  const [loading, setLoading] = useState(false);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [hasMore, setHasMore] = useState(false);
  const cursor = useRef<string | null>(null);
  const busy = useRef(false);
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;
  const generation = useRef(0);

  const load = useCallback(async (more: boolean) => {
    const fetch = fetchRef.current;
    if (!fetch) return;
    if (more && (busy.current || !cursor.current)) return;
    const mine = more ? generation.current : (generation.current += 1);
    busy.current = true;
    setLoading(true);
    try {
      const page = await fetch(more ? (cursor.current ?? undefined) : undefined);
      if (mine !== generation.current) return;
      setItems((prev) => (more ? [...prev, ...page.items] : page.items));
      cursor.current = page.nextCursor;
      setHasMore(page.nextCursor !== null);
      setError(null);
    } catch (e) {
      if (mine === generation.current) setError(errorText(e));
    } finally {
      if (mine === generation.current) {
        busy.current = false;
        setLoading(false);
        setLoaded(true);
      }
    }
  }, []);

  const ready = fetchPage !== null;
  useEffect(() => {
    if (ready) void load(false);
  }, [key, ready, load]);

  usePullDownRefresh(() => {
    void load(false).finally(() => Taro.stopPullDownRefresh());
  });
  useReachBottom(() => {
    void load(true);
  });

  return { items, loading, loaded, error, hasMore, refresh: () => load(false), more: () => load(true) };
}
