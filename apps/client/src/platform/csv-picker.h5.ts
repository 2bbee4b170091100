import type { PickCsv } from './platform.types';

/** The browser's file dialog; the chosen file as a blob URL Taro.uploadFile can send. */
export const pickCsv: PickCsv = () =>
  new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.csv,text/csv,text/plain';
    input.style.display = 'none';
    input.onchange = () => {
      const file = input.files?.[0];
      input.remove();
      resolve(file ? { path: URL.createObjectURL(file), name: file.name } : null);
    };
    document.body.appendChild(input);
    input.click();
  });
