import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KIOSK_SOURCES, buildIsStale } from '../../device/build-app.ts';

describe('buildIsStale: npm start rebuilds the kiosk app when a source changed after the build', () => {
  let root: string;
  const at = (path: string, seconds: number) => utimesSync(join(root, path), seconds, seconds);
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'build-app-'));
    mkdirSync(join(root, 'src'));
    mkdirSync(join(root, 'dist'));
    for (const file of ['src/main.ts', 'index.html', 'display.html', 'vite.config.ts', 'package.json', 'dist/index.html']) {
      writeFileSync(join(root, file), '');
    }
    for (const file of ['src/main.ts', 'src', 'index.html', 'display.html', 'vite.config.ts', 'package.json']) at(file, 1000);
    at('dist/index.html', 2000);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('is fresh when every source is older than the build', () => {
    expect(buildIsStale(root, join(root, 'dist'), KIOSK_SOURCES)).toBe(false);
  });

  it.each(['src/main.ts', 'index.html', 'display.html', 'vite.config.ts', 'package.json'])('is stale once %s changes', (file) => {
    at(file, 3000);
    expect(buildIsStale(root, join(root, 'dist'), KIOSK_SOURCES)).toBe(true);
  });

  it('is stale with no build at all', () => {
    rmSync(join(root, 'dist/index.html'));
    expect(buildIsStale(root, join(root, 'dist'), KIOSK_SOURCES)).toBe(true);
  });
});
