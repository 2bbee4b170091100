import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const pkg = resolve(__dirname, '..');
const root = resolve(pkg, '../..');

/** `pnpm start:*` run `scripts/build.mjs --if-stale`: a copy of the package with one source file proves when it builds. */
describe('domain build --if-stale', () => {
  let dir: string;
  let copy: string;
  const run = () => execFileSync(process.execPath, [join(copy, 'scripts/build.mjs'), '--if-stale'], { cwd: copy, encoding: 'utf8' });
  const out = (p: string) => join(copy, 'dist', p);

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'rb-domain-build-'));
    copy = join(dir, 'packages/domain');
    mkdirSync(join(copy, 'src'), { recursive: true });
    cpSync(join(root, 'tsconfig.base.json'), join(dir, 'tsconfig.base.json'));
    symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
    for (const f of ['package.json', 'tsconfig.json', 'tsconfig.cjs.json', 'tsconfig.esm.json']) cpSync(join(pkg, f), join(copy, f));
    cpSync(join(pkg, 'scripts'), join(copy, 'scripts'), { recursive: true });
    writeFileSync(join(copy, 'src/index.ts'), 'export const version = 1;\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('builds a fresh clone, skips when nothing changed, rebuilds after an edit or a lost output', () => {
    expect(run()).not.toMatch(/up to date/);
    expect(readFileSync(out('cjs/index.js'), 'utf8')).toContain('version = 1');
    expect(JSON.parse(readFileSync(out('esm/package.json'), 'utf8'))).toEqual({ type: 'module' });
    const builtAt = statSync(out('cjs/index.js')).mtimeMs;

    expect(run()).toMatch(/up to date, build skipped/);
    expect(statSync(out('cjs/index.js')).mtimeMs).toBe(builtAt);

    const source = join(copy, 'src/index.ts');
    writeFileSync(source, 'export const version = 2;\n');
    const later = new Date(Number(readFileSync(out('.build-stamp'), 'utf8')) + 1000);
    utimesSync(source, later, later);
    expect(run()).not.toMatch(/up to date/);
    expect(readFileSync(out('cjs/index.js'), 'utf8')).toContain('version = 2');
    expect(readFileSync(out('esm/index.js'), 'utf8')).toContain('version = 2');

    unlinkSync(out('esm/package.json'));
    expect(run()).not.toMatch(/up to date/);
    expect(existsSync(out('esm/package.json'))).toBe(true);
  }, 60_000);
});
