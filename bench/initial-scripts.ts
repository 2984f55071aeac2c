/**
 * The JS a counter page loads before it runs: the entry script, its
 * modulepreload links and their static imports, followed through, and the
 * workers those start (the scan stream's: the counter takes no scan before it
 * runs, if on a thread of its own). Chunks
 * reached only by import() (the order, catalog, report and visit screens, the
 * customer display, the English texts) are not in it. Shared by
 * bench:startup and the test that keeps the counter's start light.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

/** The JS files the page loads before it runs: entry, modulepreloads, and their static imports. */
export function initialScripts(distDir: string): string[] {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const start = [
    ...[...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)].map((m) => m[1]!),
    ...[...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)].map((m) => m[1]!),
  ].map((href) => join(distDir, href.replace(/^\//, '')));
  const seen = new Set<string>();
  const queue = [...start];
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    // Static imports only: `import … from "./x.js"` and `import "./x.js"`, never `import("./x.js")`.
    for (const m of code.matchAll(/(?:^|[;\n}])\s*(?:import|export)\s*(?:[\w*{}\s,$]+\s*from\s*)?["']([^"']+\.js)["']/g)) {
      queue.push(resolve(dirname(file), m[1]!));
    }
    // A worker it starts: `new Worker(new URL("/assets/x.worker-….js", import.meta.url), …)`.
    for (const m of code.matchAll(/new Worker\(new URL\(["'`]([^"'`]+\.js)["'`]/g)) {
      const href = m[1]!;
      queue.push(href.startsWith('/') ? join(distDir, href.slice(1)) : resolve(dirname(file), href));
    }
  }
  return [...seen];
}

/** Their size gzipped at level 9, in KB. */
export function initialGzipKb(distDir: string): number {
  return initialScripts(distDir).reduce((sum, file) => sum + gzipSync(readFileSync(file), { level: 9 }).length, 0) / 1024;
}
