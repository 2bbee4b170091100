import { apiUrl, authHeader } from '../api/http.client';
import { toApiError } from '../api/api-error';
import type { DownloadReport } from './platform.types';

/** Both formats open on a computer; CSV comes with a BOM so Excel shows the Chinese. */
export const EXPORT_FORMATS = ['xlsx', 'csv'] as const;

// A link cannot send the bearer token: fetch the bytes, then save them through a blob link.
export const downloadReport: DownloadReport = async (path, filename) => {
  const res = await fetch(apiUrl(path), { headers: authHeader() });
  if (!res.ok) throw toApiError(res.status, await res.json().catch(() => null));
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
};
