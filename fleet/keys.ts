/**
 * Ed25519 with Node's own crypto: the collector verifies terminals' bundles;
 * tests and the benchmark play terminals and sign.
 */
import { createHash, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { canonicalBundleBytes, type FleetBundle, type SignedFleetBundle } from '../src/domain/fleet-bundle.ts';

export interface TerminalKeys {
  /** Raw 32-byte public key, base64 (as in the bundle header). */
  publicKey: string;
  privateKey: KeyObject;
}

export function generateTerminalKeys(): TerminalKeys {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const jwk = publicKey.export({ format: 'jwk' });
  return { publicKey: Buffer.from(jwk.x!, 'base64url').toString('base64'), privateKey };
}

export function publicKeyObject(publicKeyBase64: string): KeyObject {
  const raw = Buffer.from(publicKeyBase64, 'base64');
  if (raw.length !== 32) throw new Error('an Ed25519 public key is 32 bytes');
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' });
}

/**
 * What the terminal shows and the rep reads back at enrolment: the first 16
 * bytes of SHA-256 over the raw key, as eight groups of four hex digits —
 * short enough to compare by eye, long enough that nobody makes a key to match.
 */
export function keyFingerprint(publicKeyBase64: string): string {
  const hex = createHash('sha256').update(Buffer.from(publicKeyBase64, 'base64')).digest('hex').slice(0, 32);
  return hex.match(/.{4}/g)!.join(' ');
}

export function signBundle(bundle: FleetBundle, keys: TerminalKeys): SignedFleetBundle {
  return { bundle, signature: sign(null, canonicalBundleBytes(bundle), keys.privateKey).toString('base64') };
}

/** `canonical`: the bundle's canonical bytes when the caller has them already. */
export function bundleSignatureValid(
  signed: SignedFleetBundle,
  publicKeyBase64: string,
  canonical = canonicalBundleBytes(signed.bundle),
): boolean {
  try {
    return verify(null, canonical, publicKeyObject(publicKeyBase64), Buffer.from(signed.signature, 'base64'));
  } catch {
    return false;
  }
}
