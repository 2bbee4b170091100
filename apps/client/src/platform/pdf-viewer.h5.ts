import { authHeader } from '../api/http.client';
import type { OpenPdf } from './platform.types';

// A link cannot send the bearer token: open the tab at once (a tab opened after an await is blocked
// as a pop-up), fetch the bytes, then point the tab at a blob URL of them.
export const openPdf: OpenPdf = async (url) => {
  const tab = window.open('', '_blank');
  const res = await fetch(`${API_ORIGIN}${url}`, { headers: authHeader() });
  if (!res.ok) {
    tab?.close();
    throw new Error(`pdf ${res.status}`);
  }
  const blobUrl = URL.createObjectURL(new Blob([await res.blob()], { type: 'application/pdf' }));
  if (tab) tab.location.href = blobUrl;
  else window.open(blobUrl, '_blank');
};
