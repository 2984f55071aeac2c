/**
 * The `i`-th scan of boot 1 on the counter scanner, stored 5 ms after it came in:
 * the record the backup seed and the IndexedDB write-floor bench both write by the thousand.
 */
export function counterScan(i: number, code: string, receivedAt: number) {
  return {
    id: `b1-${i + 1}`,
    boot: 1,
    seq: i + 1,
    scannerId: 'counter',
    code,
    text: code.slice(1),
    symbology: 'ean13',
    verified: true,
    receivedAt,
    storedAt: receivedAt + 5,
  };
}
