import { describe, expect, it } from 'vitest';
import { MAX_CODE_LENGTH, displayCode, expandUpcE, gs1CheckDigit, readCode, type AcceptedCode } from '../../src/domain/barcode.ts';

function accepted(line: string): AcceptedCode {
  const result = readCode(line);
  if (!result.ok) throw new Error(`expected ${line} to be accepted, got ${result.reason}`);
  return result;
}

describe('GS1 check digits (published examples)', () => {
  it.each([
    ['400638133393', 1], // EAN-13 4006381333931
    ['590123412345', 7], // GS1 EAN-13 example 5901234123457
    ['03600029145', 2], // UPC-A 036000291452
    ['9638507', 4], // EAN-8 96385074
    ['1540014128876', 3], // ITF-14 15400141288763
    ['978030640615', 7], // ISBN-13 9780306406157
  ])('%s → %i', (body, check) => {
    expect(gs1CheckDigit(body)).toBe(check);
  });

  it.each(['4006381333931', '5901234123457', '6901028075831', '9780306406157'])('accepts EAN-13 %s', (code) => {
    const result = accepted(code);
    expect(result.symbology).toBe('ean13');
    expect(result.verified).toBe(true);
    expect(result.code).toBe('0' + code);
  });

  it.each(['4006381333932', '5901234123450', '6901028075830', '036000291453', '96385075', '15400141288764'])(
    'rejects %s for a wrong check digit',
    (code) => {
      const result = readCode(code);
      expect(result).toMatchObject({ ok: false, reason: 'bad-check-digit' });
    },
  );

  it('makes a UPC-A and the same EAN-13 with its leading zero one product', () => {
    expect(accepted('036000291452').code).toBe(accepted('0036000291452').code);
    expect(accepted('036000291452').symbology).toBe('upca');
  });

  it('reads EAN-8 and ITF-14', () => {
    expect(accepted('96385074')).toMatchObject({ symbology: 'ean8', code: '00000096385074' });
    expect(accepted(']I015400141288763')).toMatchObject({ symbology: 'itf14', code: '15400141288763' });
  });

  it('expands UPC-E to its UPC-A (Wikipedia example 04252614 ↔ 042100005264)', () => {
    expect(expandUpcE('04252614')).toBe('042100005264');
    expect(expandUpcE('01234565')).toBe('012345000065');
    expect(expandUpcE('21234565')).toBeUndefined(); // number system must be 0 or 1
    const upce = accepted('04252614');
    expect(upce.symbology).toBe('upce');
    expect(upce.code).toBe(accepted('042100005264').code);
  });

  it('lets the AIM identifier decide between EAN-8 and UPC-E when both are valid', () => {
    // 01234565 is a valid EAN-8 and a valid UPC-E.
    expect(accepted(']E401234565').symbology).toBe('ean8');
    expect(accepted(']E001234565').symbology).toBe('upce');
    expect(accepted('01234565').symbology).toBe('ean8');
  });
});

describe('AIM symbology identifiers', () => {
  it('strips ]E0 before an EAN-13', () => {
    expect(accepted(']E04006381333931')).toMatchObject({ code: '04006381333931', aim: ']E0', text: '4006381333931' });
  });

  it('passes Code 128 (]C1) digits unverified: they carry no GS1 check digit', () => {
    expect(accepted(']C14006381333932')).toMatchObject({ symbology: 'other', verified: false, code: '4006381333932' });
  });

  it('passes QR text unverified', () => {
    expect(accepted(']Q1HELLO-123')).toMatchObject({ symbology: 'other', code: 'HELLO-123' });
  });
});

describe('bad lines', () => {
  it('rejects an empty line and an AIM identifier alone', () => {
    expect(readCode('   ')).toMatchObject({ ok: false, reason: 'empty' });
    expect(readCode(']E0')).toMatchObject({ ok: false, reason: 'empty' });
  });

  it('rejects control bytes and shows them printably', () => {
    const result = readCode('4006\u0007381333931');
    expect(result).toMatchObject({ ok: false, reason: 'control-bytes' });
    expect(result.text).toBe('4006·381333931');
  });

  it('rejects a line over the bound, keeping only a short preview', () => {
    const result = readCode('1'.repeat(MAX_CODE_LENGTH + 1));
    expect(result).toMatchObject({ ok: false, reason: 'too-long' });
    expect(result.text.length).toBeLessThan(60);
  });

  it('passes other lengths of digits unverified (in-house codes)', () => {
    expect(accepted('12345')).toMatchObject({ symbology: 'other', verified: false });
  });

  it('strips a configured prefix and suffix', () => {
    expect(readCode('STX4006381333931ETX', { prefix: 'STX', suffix: 'ETX' })).toMatchObject({
      ok: true,
      code: '04006381333931',
    });
  });
});

describe('displayCode', () => {
  it.each([
    ['04006381333931', '4006381333931'], // EAN-13
    ['00000096385074', '96385074'], // EAN-8
    ['15400141288763', '15400141288763'], // ITF-14
    ['HELLO', 'HELLO'], // not a GTIN: as read
  ])('shows GTINs in their familiar length: %s as %s', (stored, shown) => {
    expect(displayCode(stored)).toBe(shown);
  });
});
