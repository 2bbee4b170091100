import { useEffect, useState } from 'react';
import type { Category } from '../api/api.types';
import { orgApi } from '../api/org.api';

/** The categories for a filter; an empty list until loaded (or when the call fails: the filter is optional). */
export function useCategories(enabled: boolean): Category[] {
  const [categories, setCategories] = useState<Category[]>([]);
  useEffect(() => {
    if (enabled) orgApi.categories().then(setCategories, () => undefined);
  }, [enabled]);
  return categories;
}
