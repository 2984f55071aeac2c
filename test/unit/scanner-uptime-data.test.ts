import { describe, expect, it } from 'vitest';
import { getScannerUptimeBp } from '../../src/data/scanner-uptime.ts';

function answer(status: number, body: unknown, type = 'application/json'): typeof fetch {
  return (async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': type } })) as typeof fetch;
}

describe('getScannerUptimeBp', () => {
  it('is connected time over observed time, over every day of the period', async () => {
    const days = [
      { day: '2026-10-01', observedMs: 600_000, connectedMs: 600_000 },
      { day: '2026-10-02', observedMs: 400_000, connectedMs: 100_000 },
    ];
    expect(await getScannerUptimeBp('2026-10-01', '2026-12-31', answer(200, { days }))).toBe(7000);
  });

  it('is null (no data) when the service has no figure, nothing was observed, or the answer is not JSON', async () => {
    expect(await getScannerUptimeBp('2026-10-01', '2026-12-31', answer(404, {}))).toBeNull();
    expect(await getScannerUptimeBp('2026-10-01', '2026-12-31', answer(200, { days: [] }))).toBeNull();
    expect(await getScannerUptimeBp('2026-10-01', '2026-12-31', answer(200, '<html>', 'text/html'))).toBeNull();
    expect(
      await getScannerUptimeBp('2026-10-01', '2026-12-31', (async () => Promise.reject(new Error('offline'))) as typeof fetch),
    ).toBeNull();
  });
});
