import type { Page } from 'playwright-core';

/**
 * What the accessibility check fails on: text a reader cannot make out (contrast) and controls a
 * screen reader cannot name (labels). Other axe rules are reported by axe's own tooling, not here.
 */
export const A11Y_RULES = [
  'color-contrast',
  'label',
  'button-name',
  'link-name',
  'image-alt',
  'input-button-name',
  'aria-input-field-name',
  'aria-toggle-field-name',
  'select-name',
  'form-field-multiple-labels',
];

export interface A11yProblem {
  rule: string;
  help: string;
  targets: string[];
}

/** axe-core on the page as it is now (only what is on screen: hidden Taro pages are skipped by axe). */
export async function axeProblems(page: Page): Promise<A11yProblem[]> {
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== 'undefined');
  if (!loaded) await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const violations = await page.evaluate(async (rules) => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: Array<{ id: string; help: string; nodes: Array<{ target: string[] }> }> }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'rule', values: rules }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({ rule: v.id, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
  }, A11Y_RULES);
  return violations;
}

/** 长辈模式 promises 18 px text at least: every visible text node's element, with its size, under that. */
export async function smallText(page: Page, minPx = 18): Promise<string[]> {
  return page.evaluate((min) => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim();
      const el = node.parentElement;
      if (!text || !el || el.closest('.taro__toast, #taro-navigation-bar')) continue;
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || el.offsetParent === null) continue;
      const size = parseFloat(getComputedStyle(el).fontSize);
      if (size < min - 0.01) out.push(`${el.className || el.tagName}: "${text.slice(0, 12)}" ${size}px`);
    }
    return [...new Set(out)];
  }, minPx);
}

/** Controls smaller than a fingertip (48 px either way) among the ones on screen. */
export async function smallTargets(page: Page, minPx = 48): Promise<string[]> {
  return page.evaluate((min) => {
    const selector = '.btn, .chip-option, .tabs__item, .sheet__option, .category-grid__item, .workbench__item, .select, .input, .textarea, .nav-bar__btn, .tab-bar__item, .link, [data-action], [data-entry]';
    const out: string[] = [];
    for (const el of Array.from(document.querySelectorAll<HTMLElement>(selector))) {
      if (el.offsetParent === null) continue;
      const box = el.getBoundingClientRect();
      if (box.width === 0) continue;
      if (box.height < min - 0.5 || box.width < min - 0.5) out.push(`${el.className}: "${(el.textContent ?? '').trim().slice(0, 10)}" ${Math.round(box.width)}×${Math.round(box.height)}`);
    }
    return [...new Set(out)];
  }, minPx);
}
