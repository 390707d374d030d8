// Saving a file made in the page: a blob: URL clicked as a download, never a request.

/** Downloads `blob` (the workbook as the worker made it, the notice…) under `name`. */
export function save(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
