import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { errorText } from '../api/api-error';
import type { ListQuery, TicketSummary } from '../api/api.types';
import { ticketsApi } from '../api/tickets.api';

/** A paged ticket list with pull-to-refresh and load-more on reaching the bottom. */
export function useTicketList(query: ListQuery | null, limit = 20) {
  const [items, setItems] = useState<TicketSummary[]>([]);
  const [loading, setLoading] = useState(false);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [hasMore, setHasMore] = useState(false);
  const cursor = useRef<number | null>(null);
  const queryRef = useRef(query);
  queryRef.current = query;
  // A newer load (another filter, a refresh) makes the answers of older ones irrelevant.
  const generation = useRef(0);

  const load = useCallback(
    async (more: boolean) => {
      const q = queryRef.current;
      if (!q) return;
      const mine = more ? generation.current : (generation.current += 1);
      setLoading(true);
      try {
        const page = await ticketsApi.list({ ...q, limit, cursor: more ? (cursor.current ?? undefined) : undefined });
        if (mine !== generation.current) return;
        setItems((prev) => (more ? [...prev, ...page.items] : page.items));
        cursor.current = page.nextCursor;
        setHasMore(page.nextCursor !== null);
        setError(null);
      } catch (e) {
        if (mine === generation.current) setError(errorText(e));
      } finally {
        if (mine === generation.current) {
          setLoading(false);
          setLoaded(true);
        }
      }
    },
    [limit],
  );

  const key = JSON.stringify(query);
  useEffect(() => {
    void load(false);
  }, [key, load]);

  usePullDownRefresh(() => {
    void load(false).finally(() => Taro.stopPullDownRefresh());
  });
  useReachBottom(() => {
    if (cursor.current && !loading) void load(true);
  });

  return { items, loading, loaded, error, hasMore, refresh: () => load(false), more: () => load(true) };
}
