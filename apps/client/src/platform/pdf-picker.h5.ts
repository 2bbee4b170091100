import type { PickPdf } from './platform.types';

/** The browser's file dialog, PDFs only; the chosen file as a blob URL Taro.uploadFile can send. */
export const pickPdf: PickPdf = () =>
  new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = 'application/pdf';
    input.style.display = 'none';
    input.onchange = () => {
      const file = input.files?.[0];
      input.remove();
      resolve(file ? { path: URL.createObjectURL(file), name: file.name } : null);
    };
    document.body.appendChild(input);
    input.click();
  });
