// Lint: typescript-eslint, Lit and web-component rules, no import cycles, and
// the layering of the app stated as import bans (README, "Layout").
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import { importX } from 'eslint-plugin-import-x';

/** An import ban: `regex` matched against the import's path, with why. */
const ban = (regex, message) => ({ regex, message });

const LIT = ban('^(lit|@lit/[a-z-]+)(/|$)', 'Lit (the UI).');
const IDB = ban('^idb$', 'idb (IndexedDB belongs to src/data).');
const DATA = ban('(^|/)data/', 'src/data (IndexedDB): take data and callbacks as properties instead.');
const UI = ban('(^|/)(components|screens|wording)/|(^|/)(kiosk-app|styles|main)\\.ts$', 'the UI.');
const APP_ROOT = ban('(^|/)(context|localization)\\.ts$', 'the app shell (shared state, languages).');
const SRC_UI_OR_DATA = ban(
  '(^|/)src/(data|components|screens|wording)/|(^|/)src/(kiosk-app|context|styles|localization|main)\\.ts$',
  'the kiosk app: the service shares only src/domain with it.',
);

/** @param {...{regex: string, message: string}} patterns */
const layer = (...patterns) => ({
  '@typescript-eslint/no-restricted-imports': [
    'error',
    {
      // A type-only import is erased from the build: it does not make the layer depend on the other at run time.
      patterns: patterns.map((p) => ({ regex: p.regex, message: `This layer may not import ${p.message}`, allowTypeImports: true })),
    },
  ],
});

export default tseslint.config(
  { ignores: ['dist/**', 'dist-fleet/**', 'node_modules/**', 'src/generated/**', 'bench/out/**', '.kiosk-data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { window: 'readonly', document: 'readonly', console: 'readonly', process: 'readonly' },
    },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver': { node: { extensions: ['.ts', '.js', '.mjs'] } },
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      // TypeScript checks these (and knows the DOM and Node globals).
      'no-undef': 'off',
      'no-redeclare': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['src/components/**/*.ts', 'src/screens/**/*.ts', 'src/kiosk-app.ts'],
    ...lit.configs['flat/recommended'],
  },
  {
    files: ['src/components/**/*.ts', 'src/screens/**/*.ts', 'src/kiosk-app.ts'],
    ...wc.configs['flat/recommended'],
  },
  {
    files: ['src/components/**/*.ts', 'src/screens/**/*.ts', 'src/kiosk-app.ts'],
    rules: {
      // Lit elements define their tag with @customElement; the rules below read plain custom elements.
      'wc/guard-super-call': 'off',
    },
  },
  // ---------------------------------------------------------------- layering
  { files: ['src/domain/**/*.ts'], rules: layer(DATA, UI, APP_ROOT, LIT, IDB) },
  { files: ['src/data/**/*.ts'], rules: layer(UI, APP_ROOT, LIT) },
  {
    files: ['src/wording/**/*.ts'],
    rules: layer(DATA, ban('(^|/)(components|screens)/|(^|/)kiosk-app\\.ts$', 'elements or screens.'), IDB),
  },
  { files: ['src/components/**/*.ts'], rules: layer(DATA, ban('(^|/)screens/|(^|/)kiosk-app\\.ts$', 'screens.'), IDB) },
  { files: ['device/**/*.ts'], rules: layer(SRC_UI_OR_DATA, LIT, IDB) },
  // The supplier's collector shares only src/domain (the bundle format) with the terminal.
  { files: ['fleet/**/*.ts'], rules: layer(SRC_UI_OR_DATA, IDB, ban('^(\\.\\./)+device/', 'the terminal service.')) },
  // The collector's pages (a browser bundle of their own) share the uPlot chart base and its styles with the
  // kiosk's elements, and nothing of its data, state or screens.
  {
    files: ['fleet/web/**/*.ts'],
    rules: layer(
      IDB,
      ban(
        '(^|/)src/(data|screens|wording)/|(^|/)src/(kiosk-app|context|localization|main)\\.ts$',
        'the kiosk app beyond the uPlot chart base.',
      ),
      ban('(^|/)src/components/(?!uplot-chart\\.ts$)', 'kiosk elements other than the uPlot chart base.'),
      ban('^(\\.\\./)+device/', 'the terminal service.'),
    ),
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*', '*.config.*', '*.mjs'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      // chai: expect(x).to.exist
      '@typescript-eslint/no-unused-expressions': 'off',
    },
  },
);
