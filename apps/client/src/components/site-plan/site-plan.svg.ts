import type { SitePlanDoc } from '../../api/api.types';

type XY = { x: number; y: number };
type Ring = number[][];

export interface PlanPinMark extends XY {
  color: string;
}

export interface SitePlanDrawing {
  /** The building picked (or under the resident's pin): drawn in the highlight colour. */
  highlightBuildingId?: number;
  /** The resident's pin. */
  marker?: XY;
  /** Staff map: one dot per ticket. */
  pins?: PlanPinMark[];
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const n = (v: number) => String(Math.round(v * 10) / 10);
const points = (ring: Ring) => ring.map(([x, y]) => `${n(x)},${n(y)}`).join(' ');

function centroid(ring: Ring): XY {
  const xs = ring.map((p) => p[0]);
  const ys = ring.map((p) => p[1]);
  return { x: (Math.min(...xs) + Math.max(...xs)) / 2, y: (Math.min(...ys) + Math.max(...ys)) / 2 };
}

const text = (at: XY, label: string, size: number, fill = '#3f3a32', weight = 'normal') =>
  `<text x="${n(at.x)}" y="${n(at.y)}" font-size="${n(size)}" fill="${fill}" font-weight="${weight}" text-anchor="middle" dominant-baseline="middle" font-family="sans-serif">${esc(label)}</text>`;

/**
 * The one renderer of a 小区平面图: an SVG document whose viewBox is the plan's sheet, so a point of
 * the plan is a point of the image. Shown as a data URI in an <Image> on both platforms (a
 * mini-program cannot render inline <svg>), hence a string, not React elements.
 */
export function renderSitePlanSvg(plan: SitePlanDoc, drawing: SitePlanDrawing = {}): string {
  const { width: w, height: h } = plan;
  // Type sizes follow the sheet so a big compound's labels stay readable when scaled to a phone.
  const unit = Math.max(w, h) / 100;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${n(w)} ${n(h)}" width="${n(w * 3)}" height="${n(h * 3)}">`,
    `<rect x="0" y="0" width="${n(w)}" height="${n(h)}" fill="#eef0f2"/>`,
    `<polygon points="${points(plan.outline)}" fill="#f7f5ef" stroke="#8d8d8d" stroke-width="${n(unit * 0.6)}"/>`,
  ];
  for (const g of plan.greens ?? []) {
    parts.push(`<polygon points="${points(g.polygon)}" fill="#cfe8c4" stroke="#9cc98c" stroke-width="${n(unit * 0.2)}"/>`);
    if (g.label) parts.push(text(centroid(g.polygon), g.label, unit * 2.6, '#4d7a3e'));
  }
  for (const r of plan.roads ?? []) {
    const d = r.path.map(([x, y], i) => `${i ? 'L' : 'M'}${n(x)} ${n(y)}`).join(' ');
    parts.push(`<path d="${d}" fill="none" stroke="#d5d3cc" stroke-width="${n(r.width)}" stroke-linecap="round" stroke-linejoin="round"/>`);
    if (r.label && r.path.length >= 2) {
      const [a, b] = [r.path[0], r.path[1]];
      parts.push(text({ x: (a[0] + b[0]) / 2, y: (a[1] + b[1]) / 2 }, r.label, unit * 2.2, '#77736a'));
    }
  }
  for (const b of plan.buildings) {
    const on = b.buildingId === drawing.highlightBuildingId;
    parts.push(`<polygon points="${points(b.polygon)}" fill="${on ? '#fde2e1' : '#e3ddd0'}" stroke="${on ? '#c8161d' : '#8a8170'}" stroke-width="${n(unit * (on ? 0.7 : 0.4))}"/>`);
    parts.push(text(centroid(b.polygon), b.label, unit * 3, on ? '#c8161d' : '#3f3a32', 'bold'));
    const middle = centroid(b.polygon);
    for (const e of b.entrances ?? []) {
      parts.push(`<circle cx="${n(e.at[0])}" cy="${n(e.at[1])}" r="${n(unit * 0.8)}" fill="#8a8170"/>`);
      // Outside the footprint, on the door's side, so it never covers the building's name.
      const away = e.at[1] < middle.y ? -1 : 1;
      parts.push(text({ x: e.at[0], y: e.at[1] + away * unit * 2 }, e.label, unit * 1.8, '#6b6457'));
    }
  }
  for (const g of plan.gates ?? []) {
    parts.push(`<rect x="${n(g.at[0] - unit * 1.5)}" y="${n(g.at[1] - unit * 1.5)}" width="${n(unit * 3)}" height="${n(unit * 3)}" fill="#c8161d"/>`);
    // A gate sits on the wall, often at the sheet's edge: keep its name on the sheet.
    const half = ([...g.label].length * unit * 2.4) / 2 + unit;
    const x = Math.min(Math.max(g.at[0], half), w - half);
    const y = g.at[1] - unit * 3.2 < unit * 2 ? g.at[1] + unit * 3.2 : g.at[1] - unit * 3.2;
    parts.push(text({ x, y }, g.label, unit * 2.4, '#c8161d', 'bold'));
  }
  for (const p of drawing.pins ?? []) {
    parts.push(`<circle cx="${n(p.x)}" cy="${n(p.y)}" r="${n(unit * 2)}" fill="${p.color}" stroke="#ffffff" stroke-width="${n(unit * 0.6)}"/>`);
  }
  if (drawing.marker) {
    const { x, y } = drawing.marker;
    // A map pin whose tip is the point itself.
    const r = unit * 2.4;
    parts.push(
      `<path d="M${n(x)} ${n(y)} L${n(x - r)} ${n(y - r * 1.6)} A${n(r)} ${n(r)} 0 1 1 ${n(x + r)} ${n(y - r * 1.6)} Z" fill="#c8161d" stroke="#ffffff" stroke-width="${n(unit * 0.4)}"/>`,
      `<circle cx="${n(x)}" cy="${n(y - r * 1.9)}" r="${n(r * 0.45)}" fill="#ffffff"/>`,
    );
  }
  parts.push('</svg>');
  return parts.join('');
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** UTF-8 then base64, by hand: WeChat's JS engine has neither btoa nor (on older clients) TextEncoder. */
export function utf8Base64(s: string): string {
  const bytes: number[] = [];
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (c < 0x80) bytes.push(c);
    else if (c < 0x800) bytes.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) bytes.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else bytes.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const [a, b, c] = [bytes[i], bytes[i + 1], bytes[i + 2]];
    const triple = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += B64[(triple >> 18) & 63] + B64[(triple >> 12) & 63] + (b === undefined ? '=' : B64[(triple >> 6) & 63]) + (c === undefined ? '=' : B64[triple & 63]);
  }
  return out;
}

export const svgDataUri = (svg: string) => `data:image/svg+xml;base64,${utf8Base64(svg)}`;
