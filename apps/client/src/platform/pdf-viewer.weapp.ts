import Taro from '@tarojs/taro';
import { authHeader } from '../api/http.client';
import type { OpenPdf } from './platform.types';

/** wx.openDocument shows PDFs; showMenu lets the user forward or save the document. */
export const openPdf: OpenPdf = async (url) => {
  const res = await Taro.downloadFile({ url: `${API_ORIGIN}${url}`, header: authHeader() });
  if (res.statusCode !== 200) throw new Error(`pdf ${res.statusCode}`);
  await Taro.openDocument({ filePath: res.tempFilePath, fileType: 'pdf', showMenu: true });
};
