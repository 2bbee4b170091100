import type { Rect } from '../lib/site-plan-tap.util';

/** Where the element with this id is on screen now (viewport px), or null if it is not laid out. */
export type ElementRect = (id: string) => Promise<Rect | null>;
