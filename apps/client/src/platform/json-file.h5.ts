import { openFileDialog } from './file-dialog.util';
import type { ExportJson, PickJsonText } from './platform.types';

/** What the export button says on this platform. */
export const EXPORT_JSON_LABEL = '下载 JSON';

export const pickJsonText: PickJsonText = async () => {
  const chosen = await openFileDialog('.json,application/json,text/plain');
  if (!chosen) return null;
  try {
    const text = await (await fetch(chosen.path)).text();
    return { name: chosen.name, text };
  } finally {
    URL.revokeObjectURL(chosen.path);
  }
};

export const exportJson: ExportJson = async (filename, text) => {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
};
