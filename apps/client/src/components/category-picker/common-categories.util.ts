import type { Category } from '../../api/api.types';

/**
 * The kinds residents report most (and the one that is a danger to life), shown first; the other
 * categories wait behind 更多分类 so the first screen is not a wall of 24 icons.
 */
export const COMMON_CATEGORY_CODES = ['manhole_cover_missing', 'street_light_out', 'elevator_fault', 'pipe_leak', 'sewer_blocked', 'corridor_clutter'];

/** The categories shown before 更多分类: the common ones present, plus the chosen one if it is not. */
export function firstCategories(all: Category[], chosenId: number | undefined): Category[] {
  const common = COMMON_CATEGORY_CODES.map((code) => all.find((c) => c.code === code)).filter((c): c is Category => !!c);
  // A short list (a small deployment, a test fixture) or one without our codes: everything at once.
  if (common.length === 0 || all.length <= COMMON_CATEGORY_CODES.length + 1) return all;
  const chosen = all.find((c) => c.id === chosenId);
  return chosen && !common.includes(chosen) ? [...common, chosen] : common;
}
