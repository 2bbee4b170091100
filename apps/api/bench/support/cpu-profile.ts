/**
 * Summarises a V8 .cpuprofile: self time by function and by package, so a benchmark can print
 * where the API spends its CPU without opening DevTools.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileSummary {
  wallMs: number;
  busyMs: number;
  functions: Array<{ name: string; ms: number; share: number }>;
  packages: Array<{ name: string; ms: number; share: number }>;
}

const SPECIAL = new Set(['(idle)', '(program)', '(garbage collector)', '(root)']);

/** "node_modules/.pnpm/x@1/node_modules/@scope/pkg/lib/a.js" → "@scope/pkg"; app code → "app: src/…". */
export function packageOf(url: string, functionName: string): string {
  if (SPECIAL.has(functionName) && !url) return functionName;
  if (!url) return '(native / V8 builtins)';
  if (url.startsWith('node:')) return 'node core';
  const i = url.lastIndexOf('/node_modules/');
  if (i >= 0) {
    const parts = url.slice(i + '/node_modules/'.length).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  const src = url.indexOf('/apps/api/src/');
  if (src >= 0) return `app: ${url.slice(src + '/apps/api/'.length).split('/').slice(0, 2).join('/')}`;
  const pkgs = url.indexOf('/packages/');
  if (pkgs >= 0) return `workspace: ${url.slice(pkgs + 1).split('/').slice(0, 2).join('/')}`;
  return url.replace(/^file:\/\//, '');
}

function shortUrl(url: string): string {
  const i = url.lastIndexOf('/node_modules/');
  if (i >= 0) return url.slice(i + '/node_modules/'.length);
  const src = url.indexOf('/apps/api/');
  if (src >= 0) return url.slice(src + '/apps/api/'.length);
  return url.replace(/^file:\/\//, '');
}

export function summariseProfile(path: string, top = 15): ProfileSummary {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parentOf = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id);
  /** A native frame (writev, a crypto init…) says little by itself: name the JS code that called it. */
  const caller = (id: number): string => {
    const hops: string[] = [];
    for (let cur = parentOf.get(id); cur !== undefined && hops.length < 2; cur = parentOf.get(cur)) {
      const f = byId.get(cur)?.callFrame;
      if (!f?.url) continue;
      const where = packageOf(f.url, f.functionName);
      const label = `${f.functionName || '(anonymous)'} (${where === 'node core' ? f.url : where})`;
      if (hops.length === 0 || where !== 'node core') hops.push(label);
      if (where !== 'node core') break;
    }
    return hops.length ? ` ← ${hops.join(' ← ')}` : '';
  };
  const self = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = profile.timeDeltas[i] ?? 0;
    self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + delta);
  }
  const functions = new Map<string, number>();
  const packages = new Map<string, number>();
  let busy = 0;
  for (const [id, micros] of self) {
    const node = byId.get(id);
    if (!node) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)') continue;
    if (!url && caller(id).includes('api-profiler')) continue; // the profiler's own work
    busy += micros;
    const name = url
      ? `${functionName || '(anonymous)'}  ${shortUrl(url)}:${lineNumber + 1}`
      : SPECIAL.has(functionName)
        ? functionName
        : `${functionName || '(anonymous)'} [native]${caller(id)}`;
    functions.set(name, (functions.get(name) ?? 0) + micros);
    const pkg = packageOf(url, functionName);
    packages.set(pkg, (packages.get(pkg) ?? 0) + micros);
  }
  const rank = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, micros]) => ({ name, ms: micros / 1000, share: busy > 0 ? micros / busy : 0 }));
  return {
    wallMs: (profile.endTime - profile.startTime) / 1000,
    busyMs: busy / 1000,
    functions: rank(functions),
    packages: rank(packages),
  };
}
