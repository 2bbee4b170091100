import Taro from '@tarojs/taro';
import { ApiError, toApiError } from './api-error';
import { apiUrl, authHeader, onUnauthenticated } from './http.client';

export interface UploadOptions {
  /** API path, e.g. `/uploads` */
  path: string;
  filePath: string;
  /** the name sent with the file (H5 blob URLs carry none) */
  fileName?: string;
  timeoutMs: number;
  onProgress?: (percent: number) => void;
}

/** A multipart field that may come back as a string (mini-program) or parsed (H5). */
function parse(data: unknown): unknown {
  if (typeof data !== 'string') return data;
  try {
    return JSON.parse(data);
  } catch {
    return null;
  }
}

/**
 * POSTs one file as the multipart field "file": the JSON answer on 2xx, else the API's error
 * (a 401 signs the user out, as `request` does). Photos, the 12345 import and the register
 * import all go through here.
 */
export function uploadFile<T>({ path, filePath, fileName, timeoutMs, onProgress }: UploadOptions): Promise<T> {
  return new Promise((resolve, reject) => {
    const task = Taro.uploadFile({
      url: apiUrl(path),
      filePath,
      name: 'file',
      ...(fileName !== undefined ? { fileName } : {}),
      header: authHeader(),
      timeout: timeoutMs,
      success: (res) => {
        const body = parse(res.data);
        if (res.statusCode >= 200 && res.statusCode < 300) {
          onProgress?.(100);
          resolve(body as T);
          return;
        }
        if (res.statusCode === 401) void onUnauthenticated();
        reject(toApiError(res.statusCode, body));
      },
      fail: () => reject(new ApiError('NETWORK_ERROR', 0, 'upload failed')),
    } as Parameters<typeof Taro.uploadFile>[0]);
    if (onProgress) task?.onProgressUpdate?.((p) => onProgress(Math.min(99, p.progress)));
  });
}
