import { playwrightLauncher } from '@web/test-runner-playwright';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { fileURLToPath } from 'node:url';
import { findChromium, CHROMIUM_ARGS } from './test/helpers/chromium.mjs';

// Component and data-layer tests in real Chromium (Debian's package) with real IndexedDB.
export default {
  files: ['test/browser/**/*.test.ts'],
  nodeResolve: true,
  rootDir: '.',
  concurrency: 1,
  // A file's own mocha timeouts decide; the demo shop's two-year ledger allows itself 240 s on a loaded machine.
  testsFinishTimeout: 300_000,
  testFramework: { config: { timeout: 10000 } },
  plugins: [
    papaparseAsEsm(),
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)) }),
  ],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: { executablePath: findChromium(), args: CHROMIUM_ARGS, headless: true },
    }),
  ],
};

/**
 * papaparse ships only a UMD/CommonJS build; vite converts it for the app, but the
 * test server serves files as they are. @rollup/plugin-commonjs through
 * @web/dev-server-rollup did not load it here (its Node-only require('stream')
 * branch, then no default export), so wrap this one file so that
 * `import Papa from 'papaparse'` works as it does in the built app.
 */
function papaparseAsEsm() {
  return {
    name: 'papaparse-as-esm',
    transform(context) {
      if (!/\/papaparse\/papaparse(\.min)?\.js$/.test(context.path)) return undefined;
      return {
        body: `const module = { exports: {} };\nconst exports = module.exports;\n${context.body}\nexport default module.exports;\n`,
      };
    },
  };
}
