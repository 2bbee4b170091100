import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DIST } from './weapp.harness';

// WeChat refuses a main package over 2 MB; ours must stay within half of that (issue #13), so the
// resident's first open stays quick. Subpackages (staff screens) load later and are not counted.
const MAIN_PACKAGE_BUDGET = 1024 * 1024;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
}

describe('compiled mini-program: size budget', () => {
  it('the main package (everything outside subpackage roots) is 1 MB or less', () => {
    const app = JSON.parse(readFileSync(join(DIST, 'app.json'), 'utf8'));
    const roots: string[] = (app.subPackages ?? app.subpackages ?? []).map((p: { root: string }) => p.root.replace(/\/?$/, '/'));
    expect(roots.length).toBeGreaterThan(0);
    // project.config.json is the DevTools project file, not part of the uploaded code.
    const main = files(DIST)
      .filter((f) => !f.endsWith('project.config.json'))
      .filter((f) => !roots.some((r) => relative(DIST, f).startsWith(r)));
    const bytes = main.reduce((sum, f) => sum + statSync(f).size, 0);
    console.log(`weapp main package: ${(bytes / 1024).toFixed(1)} KB in ${main.length} files`);
    expect(bytes).toBeLessThanOrEqual(MAIN_PACKAGE_BUDGET);
  });
});
