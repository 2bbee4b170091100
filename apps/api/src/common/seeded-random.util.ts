/**
 * mulberry32: a small, fast PRNG that gives the same sequence from the same seed on every machine —
 * for the demo history, the rollup tests' random histories and the report benchmark, so that a
 * failure or a figure can be reproduced from its seed.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
