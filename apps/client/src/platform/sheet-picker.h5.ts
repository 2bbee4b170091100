import { openFileDialog } from './file-dialog.util';
import type { PickCsv } from './platform.types';

/** The browser's file dialog: an Excel workbook (.xlsx) or a CSV. */
export const pickSheet: PickCsv = () =>
  openFileDialog('.xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv,text/plain');
