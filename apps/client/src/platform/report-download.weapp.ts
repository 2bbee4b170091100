import Taro from '@tarojs/taro';
import { apiUrl, authHeader } from '../api/http.client';
import { ApiError } from '../api/api-error';
import type { DownloadReport } from './platform.types';

/** wx.openDocument shows xls/xlsx but not CSV: the mini-program offers the workbook only. */
export const EXPORT_FORMATS = ['xlsx'] as const;

export const downloadReport: DownloadReport = async (path) => {
  const res = await Taro.downloadFile({ url: apiUrl(path), header: authHeader() });
  if (res.statusCode !== 200) throw new ApiError(res.statusCode === 404 ? 'NOT_FOUND' : 'INTERNAL_ERROR', res.statusCode, 'export failed');
  // showMenu: the user can forward the file to a chat or save it from the viewer.
  await Taro.openDocument({ filePath: res.tempFilePath, fileType: 'xlsx', showMenu: true });
};
