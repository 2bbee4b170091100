import Taro from '@tarojs/taro';
import type { ExportJson, PickJsonText } from './platform.types';

/** A mini-program cannot save a file where a computer finds it: the JSON goes to the clipboard. */
export const EXPORT_JSON_LABEL = '复制 JSON';

/** A plan file arrives in a WeChat chat (sent from a computer): pick it from there and read it. */
export const pickJsonText: PickJsonText = async () => {
  let file: { path: string; name: string } | undefined;
  try {
    const res = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['json', 'txt'] });
    file = res.tempFiles[0];
  } catch {
    return null; // cancelled
  }
  if (!file) return null;
  const text = Taro.getFileSystemManager().readFileSync(file.path, 'utf8') as string;
  return { name: file.name, text };
};

export const exportJson: ExportJson = async (_filename, text) => {
  await Taro.setClipboardData({ data: text });
};
