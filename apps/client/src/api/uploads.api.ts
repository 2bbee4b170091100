import Taro from '@tarojs/taro';
import { ApiError, toApiError } from './api-error';
import type { UploadResult } from './api.types';
import { apiUrl, authHeader, onUnauthenticated } from './http.client';

function parse(data: unknown): unknown {
  if (typeof data !== 'string') return data;
  try {
    return JSON.parse(data);
  } catch {
    return null;
  }
}

/** One photo to POST /api/uploads (multipart field "file"), reporting progress 0–100. */
export function uploadPhoto(filePath: string, onProgress?: (percent: number) => void): Promise<UploadResult> {
  return new Promise((resolve, reject) => {
    const task = Taro.uploadFile({
      url: apiUrl('/uploads'),
      filePath,
      name: 'file',
      header: authHeader(),
      timeout: 60000,
      success: (res) => {
        const body = parse(res.data);
        if (res.statusCode >= 200 && res.statusCode < 300) {
          onProgress?.(100);
          resolve(body as UploadResult);
          return;
        }
        if (res.statusCode === 401) void onUnauthenticated();
        reject(toApiError(res.statusCode, body));
      },
      fail: () => reject(new ApiError('NETWORK_ERROR', 0, 'upload failed')),
    });
    task?.onProgressUpdate?.((p) => onProgress?.(Math.min(99, p.progress)));
  });
}
