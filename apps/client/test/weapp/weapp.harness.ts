/* eslint-disable @typescript-eslint/no-explicit-any */
// Runs the compiled mini-program (dist/weapp) in Node: miniprogram-simulate's `wx` API as a global,
// tiny App/Page/Component/getApp/getCurrentPages stand-ins, and a page object whose setData patches
// a plain data tree — the tree WeChat would render with base.wxml. Events go through the page's
// own `eh` handler, bubbling up the tree the way WeChat bubbles a tap.
import { join } from 'node:path';

export const DIST = join(__dirname, '..', '..', 'dist', 'weapp');

export interface WxNode {
  sid?: string;
  nn?: string;
  cl?: string;
  v?: string;
  cn?: WxNode[];
  [attr: string]: unknown;
}

export interface FakeResponse {
  statusCode: number;
  data: unknown;
  /** The request never reached the server (no network): wx.request calls `fail`. */
  networkError?: boolean;
}

export interface WxCall {
  api: string;
  options: any;
}

export interface Weapp {
  wx: Record<string, any>;
  storage: Map<string, unknown>;
  /** What `createSelectorQuery().select(selector).boundingClientRect()` answers (the render thread's layout). */
  rects: Map<string, { left: number; top: number; width: number; height: number }>;
  calls: WxCall[];
  mount(route: string, query?: Record<string, string>): Promise<MountedPage>;
  /** Unloads every mounted page (newest first), as WeChat does on leaving: stops their timers. */
  unloadAll(): void;
}

export interface MountedPage {
  route: string;
  data: { root: WxNode };
  /** Every node, depth first, with the chain of its ancestors. */
  nodes(): Array<{ node: WxNode; path: WxNode[] }>;
  byClass(cls: string): WxNode[];
  /** A node with an attribute matching (Taro compresses attribute names, e.g. placeholder → p14). */
  byProp(match: RegExp): WxNode;
  /** The innermost node whose own text is `text`, with an event-bearing ancestor to tap. */
  byText(text: string | RegExp): WxNode;
  text(node?: WxNode): string;
  tap(node: WxNode): Promise<void>;
  /** A tap at a viewport position: WeChat's touch (clientX/Y) and detail (page x/y, no scroll here). */
  tapAt(node: WxNode, at: { clientX: number; clientY: number }): Promise<void>;
  input(node: WxNode, value: string): Promise<void>;
  settle(ms?: number): Promise<void>;
}

const flush = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));

function applyPatch(target: any, path: string, value: unknown): void {
  const keys = path.split('.').map((k) => (/^\[\d+\]$/.test(k) ? Number(k.slice(1, -1)) : k));
  let cursor = target;
  for (let i = 0; i < keys.length - 1; i += 1) {
    const key = keys[i];
    if (cursor[key] === undefined || cursor[key] === null) cursor[key] = typeof keys[i + 1] === 'number' ? [] : {};
    cursor = cursor[key];
  }
  cursor[keys[keys.length - 1]] = value;
}

function ownText(node: WxNode): string {
  return (node.cn ?? []).filter((c) => typeof c.v === 'string').map((c) => c.v).join('');
}

function allText(node: WxNode): string {
  return (typeof node.v === 'string' ? node.v : '') + (node.cn ?? []).map(allText).join('');
}

/**
 * Installs the globals and loads app.js. `api` answers wx.request/uploadFile/downloadFile;
 * `overrides` replace other wx APIs (login, chooseMedia, chooseLocation…).
 */
export function loadWeapp(api: (method: string, url: string, body: unknown, header: Record<string, string>) => FakeResponse, overrides: Record<string, any> = {}): Weapp {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const simulated = require('miniprogram-simulate/src/api');
  const storage = new Map<string, unknown>();
  const rects = new Map<string, { left: number; top: number; width: number; height: number }>();
  const calls: WxCall[] = [];
  const later = (fn: () => void) => setTimeout(fn, 1);
  const done = (options: any, res: any) => later(() => (options.success?.(res), options.complete?.(res)));
  const record = (name: string, impl: (options: any) => any) => (options: any = {}) => {
    calls.push({ api: name, options });
    if (options.success || options.fail || options.complete) return impl(options);
    return new Promise((resolve, reject) => impl({ ...options, success: resolve, fail: reject }));
  };
  const wx: Record<string, any> = {
    ...simulated,
    getStorageSync: (key: string) => (storage.has(key) ? storage.get(key) : ''),
    setStorageSync: (key: string, data: unknown) => void storage.set(key, data),
    setStorage: record('setStorage', (o) => (storage.set(o.key, o.data), done(o, { errMsg: 'setStorage:ok' }))),
    removeStorage: record('removeStorage', (o) => (storage.delete(o.key), done(o, { errMsg: 'removeStorage:ok' }))),
    request: (o: any) => {
      calls.push({ api: 'request', options: o });
      const res = api(o.method ?? 'GET', o.url, o.data, o.header ?? {});
      if (res.networkError) later(() => (o.fail?.({ errMsg: 'request:fail' }), o.complete?.({ errMsg: 'request:fail' })));
      else done(o, { ...res, header: {}, errMsg: 'request:ok' });
      return { abort() {}, onHeadersReceived() {}, offHeadersReceived() {} };
    },
    uploadFile: (o: any) => {
      calls.push({ api: 'uploadFile', options: o });
      const progress: Array<(p: any) => void> = [];
      setTimeout(() => progress.forEach((cb) => cb({ progress: 50, totalBytesSent: 500, totalBytesExpectedToSend: 1000 })), 1);
      setTimeout(() => {
        const res = api('POST', o.url, { filePath: o.filePath, name: o.name }, o.header ?? {});
        o.success?.({ statusCode: res.statusCode, data: JSON.stringify(res.data), errMsg: 'uploadFile:ok' });
      }, 5);
      return { onProgressUpdate: (cb: any) => progress.push(cb), abort() {} };
    },
    downloadFile: (o: any) => {
      calls.push({ api: 'downloadFile', options: o });
      done(o, { statusCode: 200, tempFilePath: `wxfile://tmp/${o.url.split('/').pop()}`, errMsg: 'downloadFile:ok' });
      return { onProgressUpdate() {}, abort() {} };
    },
    showToast: record('showToast', (o) => done(o, { errMsg: 'showToast:ok' })),
    showModal: record('showModal', (o) => done(o, { confirm: true, cancel: false })),
    navigateTo: record('navigateTo', (o) => done(o, {})),
    redirectTo: record('redirectTo', (o) => done(o, {})),
    reLaunch: record('reLaunch', (o) => done(o, {})),
    navigateBack: record('navigateBack', (o) => done(o, {})),
    setNavigationBarTitle: record('setNavigationBarTitle', (o) => done(o, {})),
    createSelectorQuery: () => {
      const asked: Array<{ selector: string; cb?: (r: unknown) => void }> = [];
      const query: any = {
        in: () => query,
        select: (selector: string) => ({
          boundingClientRect: (cb?: (r: unknown) => void) => (asked.push({ selector, cb }), query),
        }),
        exec: (cb?: (res: unknown[]) => void) => {
          calls.push({ api: 'createSelectorQuery', options: { selectors: asked.map((a) => a.selector) } });
          later(() => cb?.(asked.map((a) => {
            const rect = rects.get(a.selector) ?? null;
            a.cb?.(rect);
            return rect;
          })));
        },
      };
      return query;
    },
    ...Object.fromEntries(Object.entries(overrides).map(([name, impl]) => [name, record(name, (o) => done(o, impl(o)))])),
  };

  const pages: any[] = [];
  const definitions = new Map<string, any>();
  let app: any;
  let registered: any;
  Object.assign(globalThis, {
    wx,
    App: (options: any) => void (app = options),
    Page: (options: any) => void (registered = options),
    Component: () => undefined,
    Behavior: (b: any) => b,
    getApp: () => app,
    getCurrentPages: () => pages,
    requirePlugin: () => ({}),
  });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(join(DIST, 'app.js'));
  app.onLaunch?.({ path: 'pages/index/index', query: {}, scene: 1001 });
  app.onShow?.({ path: 'pages/index/index', query: {}, scene: 1001 });

  async function mount(route: string, query: Record<string, string> = {}): Promise<MountedPage> {
    if (!definitions.has(route)) {
      registered = undefined;
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require(join(DIST, `${route}.js`));
      if (!registered) throw new Error(`${route}.js did not call Page()`);
      definitions.set(route, registered);
    }
    const definition = definitions.get(route);
    const page: any = Object.create(definition);
    page.route = route;
    page.options = query;
    page.data = JSON.parse(JSON.stringify(definition.data ?? {}));
    page.setData = (patch: Record<string, unknown>, cb?: () => void) => {
      for (const [path, value] of Object.entries(patch)) applyPatch(page.data, path, JSON.parse(JSON.stringify(value ?? null)));
      if (cb) later(cb);
    };
    pages.push(page);
    definition.onLoad.call(page, query);
    definition.onShow?.call(page);
    definition.onReady?.call(page);

    const nodes = () => {
      const out: Array<{ node: WxNode; path: WxNode[] }> = [];
      const walk = (node: WxNode, path: WxNode[]) => {
        out.push({ node, path });
        (node.cn ?? []).forEach((c) => walk(c, [...path, node]));
      };
      walk(page.data.root, []);
      return out;
    };
    const chainOf = (target: WxNode) => {
      const hit = nodes().find((n) => n.node === target);
      if (!hit) throw new Error('node is not in the page');
      return [target, ...[...hit.path].reverse()].filter((n) => n.sid);
    };
    const fire = (node: WxNode, type: string, detail: unknown = {}, extra: Record<string, unknown> = {}) => {
      const event = (target: WxNode) => ({
        ...extra,
        type,
        timeStamp: Date.now(),
        detail,
        target: { id: node.sid, dataset: { sid: node.sid } },
        currentTarget: { id: target.sid, dataset: { sid: target.sid } },
      });
      // A tap bubbles: WeChat calls the handler of every ancestor; an input does not.
      const chain = type === 'tap' ? chainOf(node) : [node];
      for (const target of chain) definition.eh.call(page, event(target));
    };
    // Waits the given time, then on until the page has stopped changing for three rounds in a row: a
    // fixed wait alone lost the race with the request → render chain on a loaded 2-core CI machine.
    const settle = async (ms = 30) => {
      for (let i = 0; i < 5; i += 1) await flush(ms / 5);
      let last = JSON.stringify(page.data);
      for (let quiet = 0, round = 0; quiet < 3 && round < 150; round += 1) {
        await flush(10);
        const now = JSON.stringify(page.data);
        quiet = now === last ? quiet + 1 : 0;
        last = now;
      }
    };
    const mounted: MountedPage = {
      route,
      data: page.data,
      nodes,
      byClass: (cls) => nodes().map((n) => n.node).filter((n) => (n.cl ?? '').split(/\s+/).includes(cls)),
      byText(text) {
        const match = (s: string) => (typeof text === 'string' ? s === text : text.test(s));
        const hits = nodes().filter(({ node }) => node.sid && match(ownText(node)));
        if (hits.length === 0) throw new Error(`no node with text ${String(text)} in ${route}:\n${allText(page.data.root).slice(0, 500)}`);
        return hits[hits.length - 1].node;
      },
      byProp(match) {
        const hit = nodes().find(({ node }) =>
          Object.entries(node).some(([k, v]) => k !== 'v' && k !== 'cn' && typeof v === 'string' && match.test(v)),
        );
        if (!hit) throw new Error(`no node with an attribute matching ${match} in ${route}`);
        return hit.node;
      },
      text: (node) => allText(node ?? page.data.root),
      async tap(node) {
        fire(node, 'tap');
        await settle();
      },
      async tapAt(node, at) {
        const touch = { identifier: 0, pageX: at.clientX, pageY: at.clientY, clientX: at.clientX, clientY: at.clientY };
        fire(node, 'tap', { x: at.clientX, y: at.clientY }, { touches: [], changedTouches: [touch] });
        await settle();
      },
      async input(node, value) {
        fire(node, 'input', { value, cursor: value.length });
        await settle();
      },
      settle,
    };
    await settle(60);
    return mounted;
  }

  function unloadAll(): void {
    while (pages.length) {
      const page = pages.pop();
      Object.getPrototypeOf(page).onUnload?.call(page);
    }
  }

  return { wx, storage, rects, calls, mount, unloadAll };
}
