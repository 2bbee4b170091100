/**
 * The browser's file dialog (H5 only: imported by the `*.h5.ts` pickers), resolving with the chosen
 * file as a blob URL Taro.uploadFile can send, or null when nothing was chosen.
 */
export function openFileDialog(accept: string): Promise<{ path: string; name: string } | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.style.display = 'none';
    input.onchange = () => {
      const file = input.files?.[0];
      input.remove();
      resolve(file ? { path: URL.createObjectURL(file), name: file.name } : null);
    };
    document.body.appendChild(input);
    input.click();
  });
}
