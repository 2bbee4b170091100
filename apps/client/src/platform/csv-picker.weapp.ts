import Taro from '@tarojs/taro';
import type { PickCsv } from './platform.types';

/** The 12345 export usually arrives as a file in a WeChat chat: pick it from there. */
export const pickCsv: PickCsv = async () => {
  try {
    const res = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['csv', 'txt'] });
    const file = res.tempFiles[0];
    return file ? { path: file.path, name: file.name } : null;
  } catch {
    return null; // cancelled
  }
};
