import Taro from '@tarojs/taro';
import { ApiError, toApiError } from './api-error';
import type { HotlineImportResult } from './api.types';
import { apiUrl, authHeader, onUnauthenticated } from './http.client';

/** POST /api/imports/hotline with the CSV at `filePath` (multipart field "file"). */
export function importHotline(filePath: string, fileName: string, dryRun: boolean): Promise<HotlineImportResult> {
  return new Promise((resolve, reject) => {
    Taro.uploadFile({
      url: apiUrl(`/imports/hotline?dryRun=${dryRun}`),
      filePath,
      name: 'file',
      fileName,
      header: authHeader(),
      timeout: 120000,
      success: (res) => {
        let body: unknown = res.data;
        try {
          body = typeof res.data === 'string' ? JSON.parse(res.data) : res.data;
        } catch {
          body = null;
        }
        if (res.statusCode >= 200 && res.statusCode < 300) return resolve(body as HotlineImportResult);
        if (res.statusCode === 401) void onUnauthenticated();
        reject(toApiError(res.statusCode, body));
      },
      fail: () => reject(new ApiError('NETWORK_ERROR', 0, 'upload failed')),
    } as Parameters<typeof Taro.uploadFile>[0]);
  });
}
