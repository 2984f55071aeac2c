import { expect } from '@open-wc/testing';
import { readCode } from '../../src/domain/barcode.ts';

describe('smoke', () => {
  it('runs TypeScript in Chromium', () => {
    expect(readCode('4006381333931').ok).to.equal(true);
    expect(typeof indexedDB.open).to.equal('function');
  });
});
