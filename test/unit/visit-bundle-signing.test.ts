/**
 * The terminal signs with WebCrypto (src/data/visit-bundle.ts); the collector
 * verifies with Node's crypto (fleet/keys.ts). Node's own WebCrypto plays the
 * terminal here, so both sides' code meets on the same bytes. The browser test
 * (test/browser/data-visit-bundle.test.ts) does the same in Chromium.
 */
import { describe, expect, it } from 'vitest';
import { signBundle, verifyBundle } from '../../src/data/visit-bundle.ts';
import { bundleSignatureValid } from '../../fleet/keys.ts';
import { parseSignedFleetBundle } from '../../src/domain/fleet-bundle.ts';
import { fakeTerminal, makeBundle } from '../fleet/fleet-helpers.ts';

async function webCryptoTerminal() {
  const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify'])) as CryptoKeyPair;
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  return { privateKey: pair.privateKey, publicKey: Buffer.from(raw).toString('base64') };
}

describe("WebCrypto signing against the collector's verifier", () => {
  it('a bundle signed through WebCrypto verifies with Node crypto, and fails once changed', async () => {
    const key = await webCryptoTerminal();
    const t = fakeTerminal('T-web', 'D1');
    const bundle = { ...makeBundle(t, 1, '2026-10-01', '2026-10-03'), publicKey: key.publicKey };
    const signed = await signBundle(bundle, key);
    const parsed = parseSignedFleetBundle(JSON.parse(JSON.stringify(signed, null, 1)));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problem));
    expect(bundleSignatureValid(parsed.value, key.publicKey)).toBe(true);
    expect(await verifyBundle(parsed.value)).toBe(true);
    parsed.value.bundle.daily[0]!.salesCents += 100;
    expect(bundleSignatureValid(parsed.value, key.publicKey)).toBe(false);
    expect(await verifyBundle(parsed.value)).toBe(false);
  });
});
