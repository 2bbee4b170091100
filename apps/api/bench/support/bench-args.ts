import os from 'node:os';

/** Each `--flag value` or `--flag=value` in order; `value()` takes the next argument when there was no `=`. */
export function eachFlag(argv: string[], on: (flag: string, value: () => string | undefined) => void): void {
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2) as [string, string | undefined];
    on(flag, () => inline ?? argv[++i]);
  }
}

/** A whole number of at least `min`; underscores allowed as in code (5_000_000). */
export function wholeNumber(v: string | undefined, min: number): number {
  const n = Number(v?.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < min) throw new Error(`expected a whole number ≥ ${min}, got "${v}"`);
  return n;
}

// How every bench prints: grouped thousands, seconds to a tenth, indented progress lines.
export const int = (n: number) => Math.round(n).toLocaleString('en-US');
export const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
export const log = (line: string) => console.log(`  · ${line}`);
export const load = () => `load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`;
