import { PLAN } from './site-plan.fixture';
import { renderSitePlanSvg, svgDataUri, utf8Base64 } from './site-plan.svg';


describe('site plan SVG', () => {
  it('draws the sheet with the plan’s own coordinates as viewBox, every building labelled', () => {
    const svg = renderSitePlanSvg(PLAN);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 240 200"/);
    expect(svg).toContain('>6号楼</text>');
    expect(svg).toContain('>9号楼</text>');
    expect(svg).toContain('>南门</text>');
    expect(svg).toContain('points="25,40 75,40 75,56 25,56"');
    expect(svg.endsWith('</svg>')).toBe(true);
  });

  it('highlights the picked building, draws the pin and the staff dots', () => {
    const svg = renderSitePlanSvg(PLAN, { highlightBuildingId: 32, marker: { x: 120, y: 48 }, pins: [{ x: 60, y: 120, color: '#d92d20' }] });
    expect(svg).toContain('fill="#fde2e1"');
    expect(svg).toContain('<path d="M120 48 ');
    expect(svg).toContain('<circle cx="60" cy="120" r="4.8" fill="#d92d20"');
  });

  it('escapes labels (an admin’s text never becomes markup)', () => {
    const svg = renderSitePlanSvg({ ...PLAN, gates: [{ label: '<script>&', at: [15, 195] }] });
    expect(svg).toContain('&#60;script&#62;&#38;');
    expect(svg).not.toContain('<script>');
  });

  it('encodes as a base64 data URI that decodes back to the UTF-8 text', () => {
    expect(utf8Base64('abc')).toBe(Buffer.from('abc').toString('base64'));
    const s = renderSitePlanSvg(PLAN, { marker: { x: 1, y: 2 } });
    const uri = svgDataUri(s);
    expect(uri.startsWith('data:image/svg+xml;base64,')).toBe(true);
    expect(Buffer.from(uri.split(',')[1], 'base64').toString('utf8')).toBe(s);
    expect(utf8Base64('楼𠀀é')).toBe(Buffer.from('楼𠀀é').toString('base64'));
  });
});
