import type { ElementRect } from './element-rect.types';

/**
 * Taro's H5 <Image> is a wrapper around an <img>: measure the picture itself.
 *
 * H5 keeps every page of the stack in one document, so an id is not unique there: the page being
 * left stays in the DOM for its slide-out (300 ms), and the plan board opened twice holds two
 * `#plan-map`. getElementById would answer the first, which is not the one tapped. Pages are
 * appended in stack order, so the last element with the id that has a box is on the top page. (Ids
 * are our own constants, so they need no quoting in the selector.)
 */
export const elementRect: ElementRect = async (id) => {
  const hosts = Array.from(document.querySelectorAll<HTMLElement>(`[id="${id}"]`));
  for (let i = hosts.length - 1; i >= 0; i -= 1) {
    const el = hosts[i].querySelector('img') ?? hosts[i];
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.height > 0) return { left: r.left, top: r.top, width: r.width, height: r.height };
  }
  return null;
};
