/** base64 → bytes without a callback per character (a bundle may be large). */
function decodeBase64(data: string): Uint8Array<ArrayBuffer> {
  const binary = atob(data);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * Hands a file to the browser as a download: a Blob URL on an <a download> clicked from
 * script. Chromium saves it; Electron asks where (its default for a download).
 */
export function saveDownload(name: string, mime: string, data: string): void {
  const url = URL.createObjectURL(new Blob([decodeBase64(data)], { type: mime || 'application/octet-stream' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started by the time the click returns; keep the URL a while for slow starts.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
