/**
 * The counter starts with what selling needs (issue 9's lighter start): the
 * built app's initial JS (with the scan stream's worker, which starts with
 * the page) stays within 100 KB gzip, and the screens and texts
 * loaded on demand (the customer display, the English templates, the order,
 * catalog, report, visit, board, receive, stocktake and adjust screens) are not in it. bench:startup prints the
 * same figure; this keeps a static import from pulling a mode back in unseen.
 */
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildAppIfStale } from '../../device/build-app.ts';
import { initialGzipKb, initialScripts } from '../../bench/initial-scripts.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DIST = join(ROOT, 'dist');

describe('the counter’s initial JS', () => {
  it('is at most 100 KB gzip and leaves the on-demand modes out', async () => {
    await buildAppIfStale(ROOT, DIST, () => undefined);
    const chunks = initialScripts(DIST).map((file) => basename(file));
    for (const lazy of [
      'kiosk-display-app',
      'en-',
      'kiosk-order-screen',
      'kiosk-catalog-screen',
      'kiosk-report-screen',
      'kiosk-visit-screen',
      'kiosk-board-screen',
      'kiosk-receive-screen',
      'kiosk-stocktake-screen',
      'kiosk-adjust-screen',
      'uplot',
      'papaparse',
    ]) {
      expect(
        chunks.filter((c) => c.startsWith(lazy)),
        `${lazy} is loaded before the counter runs`,
      ).to.deep.equal([]);
    }
    // The scan stream's worker starts with the page, and counts.
    expect(chunks.filter((c) => c.startsWith('scan-stream.worker-'))).to.have.length(1);
    expect(initialGzipKb(DIST)).to.be.at.most(100);
  });
});
