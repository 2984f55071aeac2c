import { describe, expect, it } from 'vitest';
import { canonicalJson, parseSignedFleetBundle, datesInPeriod } from '../../src/domain/fleet-bundle.ts';
import { bundleSignatureValid, keyFingerprint } from '../../fleet/keys.ts';
import { fakeTerminal, makeBundle, makeBundleV1, signBundle } from '../fleet/fleet-helpers.ts';

describe('fleet bundle', () => {
  it('canonical JSON sorts keys at every depth, drops whitespace and refuses non-integers', () => {
    expect(canonicalJson({ b: 1, a: [{ z: null, y: '价签' }], c: true })).toBe('{"a":[{"y":"价签","z":null}],"b":1,"c":true}');
    expect(() => canonicalJson({ x: 0.1 })).toThrow(/integers only/);
  });

  it('a signature survives re-serialisation with other key order and whitespace, and fails on any change', () => {
    const t = fakeTerminal('T1', 'D1');
    const signed = signBundle(makeBundle(t, 1, '2026-02-27', '2026-03-01'), t.keys);
    const reordered = JSON.parse(
      JSON.stringify(
        {
          signature: signed.signature,
          bundle: { ...signed.bundle, daily: signed.bundle.daily.map((r) => Object.fromEntries(Object.entries(r).reverse())) },
        },
        null,
        2,
      ),
    );
    const parsed = parseSignedFleetBundle(reordered);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problem));
    expect(bundleSignatureValid(parsed.value, t.keys.publicKey)).toBe(true);
    parsed.value.bundle.daily[1]!.packsSold += 1;
    expect(bundleSignatureValid(parsed.value, t.keys.publicKey)).toBe(false);
    expect(bundleSignatureValid(signed, fakeTerminal('T2', 'D1').keys.publicKey)).toBe(false);
  });

  it('tells an unknown version from a malformed bundle', () => {
    const t = fakeTerminal('T1', 'D1');
    const b = makeBundle(t, 1, '2026-03-01', '2026-03-02');
    const sig = 'A'.repeat(86) + '==';
    expect(parseSignedFleetBundle({ bundle: { ...b, schemaVersion: 3 }, signature: sig })).toEqual({
      ok: false,
      problem: { kind: 'unknown-version', version: 3 },
    });
    const outside = parseSignedFleetBundle({ bundle: { ...b, period: { from: '2026-03-02', to: '2026-03-02' } }, signature: sig });
    expect(outside.ok).toBe(false);
    const twice = parseSignedFleetBundle({ bundle: { ...b, daily: [b.daily[0], b.daily[0]] }, signature: sig });
    expect(twice.ok === false && twice.problem.kind).toBe('malformed');
    expect(parseSignedFleetBundle({ bundle: { ...b, period: { from: '2026-02-30', to: '2026-03-02' } }, signature: sig }).ok).toBe(false);
    expect(parseSignedFleetBundle({ bundle: b, signature: sig }).ok).toBe(true);
  });

  it('dates of a period cross month ends and leap days; fingerprints are eight groups of four hex digits', () => {
    expect(datesInPeriod('2028-02-28', '2028-03-01')).toEqual(['2028-02-28', '2028-02-29', '2028-03-01']);
    expect(keyFingerprint(fakeTerminal('T', 'D').keys.publicKey)).toMatch(/^([0-9a-f]{4} ){7}[0-9a-f]{4}$/);
  });

  it('reads version 1 bundles as they were, and refuses a v2 field in a v1 bundle or a v1 bundle calling itself v2', () => {
    const t = fakeTerminal('T1', 'D1');
    const v1 = makeBundleV1(t, 1, '2026-03-01', '2026-03-02');
    const sig = 'A'.repeat(86) + '==';
    const parsed = parseSignedFleetBundle({ bundle: v1, signature: sig });
    expect(parsed.ok && parsed.value.bundle.schemaVersion).toBe(1);
    expect(parseSignedFleetBundle({ bundle: { ...v1, evaluation: null }, signature: sig }).ok).toBe(false);
    expect(parseSignedFleetBundle({ bundle: { ...v1, schemaVersion: 2 }, signature: sig }).ok).toBe(false);
    const signed = signBundle(v1, t.keys);
    const again = parseSignedFleetBundle(JSON.parse(JSON.stringify(signed)));
    if (!again.ok) throw new Error('v1 refused');
    expect(bundleSignatureValid(again.value, t.keys.publicKey)).toBe(true);
  });
});
