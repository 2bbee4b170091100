/** Where an element sits in the viewport (px), as boundingClientRect reports it. */
export interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface XY {
  x: number;
  y: number;
}

/**
 * A tap's viewport position from a Taro event, whichever platform sent it: WeChat's tap carries
 * `changedTouches[0].clientX/Y` (and `detail.x/y`, page coordinates); an H5 click is a MouseEvent
 * (`clientX/Y`). Client coordinates match boundingClientRect, so scrolling cancels out.
 */
export function tapPosition(e: unknown): XY | null {
  const ev = e as {
    changedTouches?: Array<{ clientX?: number; clientY?: number }>;
    touches?: Array<{ clientX?: number; clientY?: number }>;
    clientX?: number;
    clientY?: number;
    detail?: { x?: number; y?: number };
  };
  const touch = ev.changedTouches?.[0] ?? ev.touches?.[0];
  if (touch && Number.isFinite(touch.clientX) && Number.isFinite(touch.clientY)) return { x: touch.clientX as number, y: touch.clientY as number };
  if (Number.isFinite(ev.clientX) && Number.isFinite(ev.clientY)) return { x: ev.clientX as number, y: ev.clientY as number };
  if (ev.detail && Number.isFinite(ev.detail.x) && Number.isFinite(ev.detail.y)) return { x: ev.detail.x as number, y: ev.detail.y as number };
  return null;
}

/**
 * A tap on the plan image → plan coordinates. The image shows the whole sheet (viewBox 0 0 w h)
 * scaled to fit its box with the aspect kept (WeChat's aspectFit, SVG's xMidYMid meet): the sheet is
 * centred and the spare room on one axis is empty. Null when the tap falls in that margin or
 * outside the image.
 */
export function tapToPlan(tap: XY, rect: Rect, sheet: { width: number; height: number }): XY | null {
  if (rect.width <= 0 || rect.height <= 0 || sheet.width <= 0 || sheet.height <= 0) return null;
  const scale = Math.min(rect.width / sheet.width, rect.height / sheet.height);
  const offsetX = (rect.width - sheet.width * scale) / 2;
  const offsetY = (rect.height - sheet.height * scale) / 2;
  const x = (tap.x - rect.left - offsetX) / scale;
  const y = (tap.y - rect.top - offsetY) / scale;
  if (x < 0 || y < 0 || x > sheet.width || y > sheet.height) return null;
  // A tenth of a plan unit (≈ 10 cm) is finer than any finger.
  return { x: Math.round(x * 10) / 10, y: Math.round(y * 10) / 10 };
}

/** Plan units per screen pixel at this layout: to turn "a finger's width" into a plan distance. */
export function planUnitsPerPixel(rect: Rect, sheet: { width: number; height: number }): number {
  const scale = Math.min(rect.width / sheet.width, rect.height / sheet.height);
  return scale > 0 ? 1 / scale : 0;
}

/** The pin nearest to the point within `radius` plan units, or null. */
export function nearestPin<T extends { planPoint: XY }>(pins: T[], p: XY, radius: number): T | null {
  let best: T | null = null;
  let bestD = radius;
  for (const pin of pins) {
    const d = Math.hypot(pin.planPoint.x - p.x, pin.planPoint.y - p.y);
    if (d <= bestD) {
      best = pin;
      bestD = d;
    }
  }
  return best;
}
