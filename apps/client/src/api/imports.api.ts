import type { HotlineImportResult } from './api.types';
import { uploadFile } from './upload-file';

/** POST /api/imports/hotline with the CSV at `filePath` (multipart field "file"). */
export function importHotline(filePath: string, fileName: string, dryRun: boolean): Promise<HotlineImportResult> {
  return uploadFile<HotlineImportResult>({ path: `/imports/hotline?dryRun=${dryRun}`, filePath, fileName, timeoutMs: 120000 });
}
