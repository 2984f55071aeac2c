/**
 * Hands a text file to the browser's downloads (CSV exports). The link is added
 * inside `root` so it works from within a shadow root, and the object URL is
 * kept for a minute: revoking it at once can cancel a slow download.
 */
export function downloadTextFile(root: Node, name: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.style.display = 'none';
  root.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
