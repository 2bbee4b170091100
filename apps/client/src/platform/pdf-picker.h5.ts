import { openFileDialog } from './file-dialog.util';
import type { PickPdf } from './platform.types';

/** The browser's file dialog, PDFs only. */
export const pickPdf: PickPdf = () => openFileDialog('application/pdf');
