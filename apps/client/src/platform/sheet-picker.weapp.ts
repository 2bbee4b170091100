import Taro from '@tarojs/taro';
import type { PickCsv } from './platform.types';

/** District spreadsheets arrive as files in a WeChat chat: pick an .xlsx or .csv from there. */
export const pickSheet: PickCsv = async () => {
  try {
    const res = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['xlsx', 'csv', 'txt'] });
    const file = res.tempFiles[0];
    return file ? { path: file.path, name: file.name } : null;
  } catch {
    return null; // cancelled
  }
};
