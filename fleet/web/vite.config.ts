import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The collector's pages (login, district overview, shop page): their own
 * build into dist-fleet/, so that nothing of them reaches the terminal's bundle
 * and nothing of the terminal's reaches them but the uPlot chart base.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  build: {
    outDir: fileURLToPath(new URL('../../dist-fleet', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1024,
  },
});
