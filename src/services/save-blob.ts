/**
 * Hands a Blob to the browser as a file download: a hidden link to an object URL made at the
 * moment of the click and released soon after, so nothing is generated for users who never
 * download. `root` is where the link is put for the click (an element's shadow root, or the
 * document's body).
 */
export function saveBlob(blob: Blob, fileName: string, root: ParentNode = document.body): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.hidden = true;
  root.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
