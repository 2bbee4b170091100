import type { UploadResult } from './api.types';
import { uploadFile } from './upload-file';

/** One photo to POST /api/uploads (multipart field "file"), reporting progress 0–100. */
export function uploadPhoto(filePath: string, onProgress?: (percent: number) => void): Promise<UploadResult> {
  return uploadFile<UploadResult>({ path: '/uploads', filePath, timeoutMs: 60000, onProgress });
}
