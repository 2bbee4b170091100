import Taro from '@tarojs/taro';
import type { PickPdf } from './platform.types';

/** A contract or price-bureau document usually arrives as a file in a WeChat chat: pick it from there. */
export const pickPdf: PickPdf = async () => {
  try {
    const res = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['pdf'] });
    const file = res.tempFiles[0];
    return file ? { path: file.path, name: file.name } : null;
  } catch {
    return null; // cancelled
  }
};
