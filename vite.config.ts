import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// One config for the kiosk build and for vitest. Browser component tests run in
// @web/test-runner (web-test-runner.config.mjs), not here.
export default defineConfig({
  root: '.',
  build: {
    outDir: 'dist',
    target: 'es2022',
    // The Pi serves this from its own disk: small chunks gain nothing.
    chunkSizeWarningLimit: 1024,
    // Two pages: the counter (index.html) and the customer display (display.html, served at /display).
    rollupOptions: {
      input: {
        main: fileURLToPath(new URL('./index.html', import.meta.url)),
        display: fileURLToPath(new URL('./display.html', import.meta.url)),
      },
    },
  },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'test/device/**/*.test.ts', 'test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 120_000,
          // Each e2e test owns a service, a pty and a browser: run them one at a time.
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'fleet',
          include: ['test/fleet/**/*.test.ts'],
          environment: 'node',
          // Each file starts its own PostgreSQL cluster (a few seconds, more on a loaded machine).
          testTimeout: 60_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
