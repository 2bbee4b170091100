import type { ElementRect } from './element-rect.types';

/** Taro's H5 <Image> is a wrapper around an <img>: measure the picture itself. */
export const elementRect: ElementRect = async (id) => {
  const host = document.getElementById(id);
  const el = host?.querySelector('img') ?? host;
  if (!el) return null;
  const r = el.getBoundingClientRect();
  return { left: r.left, top: r.top, width: r.width, height: r.height };
};
