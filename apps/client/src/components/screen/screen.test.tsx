import { render } from '@testing-library/react';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { act } from 'react';
import { elderMode } from '../../state/elder-mode.store';
import { Screen } from './screen';

const css = readFileSync(join(__dirname, '..', '..', 'app.css'), 'utf8');

/** The declarations of one exact selector's first rule block. */
function block(selector: string): Record<string, string> {
  const start = css.indexOf(`${selector} {`);
  if (start < 0) throw new Error(`no rule for ${selector}`);
  const body = css.slice(css.indexOf('{', start) + 1, css.indexOf('}', start)).replace(/\/\*[\s\S]*?\*\//g, '');
  return Object.fromEntries(
    body.split(';').map((d) => d.trim()).filter(Boolean).map((d) => [d.slice(0, d.indexOf(':')).trim(), d.slice(d.indexOf(':') + 1).trim()]),
  );
}

// Sizes in the 750 design unit: Taro halves them on a 375 px phone.
const cssPx = (design: string) => parseInt(design, 10) / 2;

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
const contrast = (a: string, b: string) => {
  const [l1, l2] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (l1 + 0.05) / (l2 + 0.05);
};

describe('Screen and 长辈模式 styles', () => {
  afterEach(() => act(() => elderMode.set(false)));

  it('applies screen--elder from the remembered switch', () => {
    const { container } = render(<Screen className="home">x</Screen>);
    expect(container.firstElementChild?.className).toBe('screen home');
    act(() => elderMode.set(true));
    expect(container.firstElementChild?.className).toBe('screen screen--elder home');
  });

  it('长辈模式: every text size 18 px or more, the small one included', () => {
    const elder = block('.screen--elder');
    for (const v of ['--fs', '--fs-small', '--fs-title', '--fs-big']) expect(cssPx(elder[v])).toBeGreaterThanOrEqual(18);
  });

  it('长辈模式: fields outlined in near-black on white (never white on white), text black', () => {
    const elder = block('.screen--elder');
    expect(contrast(elder['--c-field-line'], elder['--c-field'])).toBeGreaterThanOrEqual(3);
    expect(contrast(elder['--c-text'], elder['--c-bg'])).toBeGreaterThanOrEqual(7);
    expect(contrast(elder['--c-muted'], elder['--c-bg'])).toBeGreaterThanOrEqual(7);
    const fields = block('.input, .textarea, .select');
    expect(fields.background).toBe('var(--c-field)');
    expect(fields.border).toBe('2px solid var(--c-field-line)');
  });

  it('长辈模式: buttons and choices are 48 px fingertips or larger', () => {
    expect(cssPx(block('.screen--elder .btn')['min-height'])).toBeGreaterThanOrEqual(48);
    expect(cssPx(block('.screen--elder .btn--small')['min-height'])).toBeGreaterThanOrEqual(48);
    expect(cssPx(block('.screen--elder .chip-option')['min-height'])).toBeGreaterThanOrEqual(48);
    expect(cssPx(block('.screen--elder .input').height)).toBeGreaterThanOrEqual(48);
    expect(cssPx(block('.nav-bar__btn')['min-height'])).toBeGreaterThanOrEqual(48);
    expect(cssPx(block('.tab-bar__item')['min-height'])).toBeGreaterThanOrEqual(48);
  });

  it('the H5 textarea fills its box: no inner box, no resize handle, the same font', () => {
    const inner = block('.textarea .taro-textarea, .input .weui-input');
    expect(inner).toMatchObject({ border: 'none', background: 'transparent', resize: 'none', font: 'inherit' });
  });

  it('muted text keeps 4.5:1 on the page background in normal mode too', () => {
    const normal = block('page, .screen');
    expect(contrast(normal['--c-muted'], normal['--c-bg'])).toBeGreaterThanOrEqual(4.5);
  });
});
