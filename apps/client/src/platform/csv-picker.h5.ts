import { openFileDialog } from './file-dialog.util';
import type { PickCsv } from './platform.types';

/** The browser's file dialog, CSV (or plain text) files. */
export const pickCsv: PickCsv = () => openFileDialog('.csv,text/csv,text/plain');
