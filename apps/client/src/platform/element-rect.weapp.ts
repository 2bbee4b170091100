import Taro from '@tarojs/taro';
import type { ElementRect } from './element-rect.types';

/** A mini-program's layout is only known to the render thread: ask it with a selector query. */
export const elementRect: ElementRect = (id) =>
  new Promise((resolve) => {
    Taro.createSelectorQuery()
      .select(`#${id}`)
      .boundingClientRect()
      .exec((res: Array<{ left: number; top: number; width: number; height: number } | null>) => {
        const r = res?.[0];
        resolve(r ? { left: r.left, top: r.top, width: r.width, height: r.height } : null);
      });
  });
