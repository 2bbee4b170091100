import { mulberry32 } from '../common/seeded-random.util';

/** Draws from a seeded PRNG, so the demo history is the same on every machine for the same `now`. */
export function generator(seed: number) {
  const next = mulberry32(seed);
  return {
    next,
    chance: (p: number) => next() < p,
    between: (lo: number, hi: number) => lo + next() * (hi - lo),
    pick: <T>(items: T[], weight: (t: T) => number = () => 1): T => {
      const total = items.reduce((s, i) => s + weight(i), 0);
      let r = next() * total;
      for (const i of items) if ((r -= weight(i)) < 0) return i;
      return items[items.length - 1];
    },
  };
}
export type Rng = ReturnType<typeof generator>;

/** A stable 32-bit seed from a name (FNV-1a), so each scripted demo ticket has its own sequence. */
export function seedOf(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}
