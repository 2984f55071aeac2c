/**
 * The counter scanner's uptime over a period, from the terminal service
 * (GET /scanner-uptime, device/scanner-uptime.ts): connected time ÷ the time
 * the service watched, in basis points. Null when the service has no figure
 * (an older service, the dev server, or nothing observed): the evaluation
 * then says "no data" rather than guessing.
 */
export async function getScannerUptimeBp(from: string, to: string, fetchImpl: typeof fetch = fetch): Promise<number | null> {
  try {
    const res = await fetchImpl(`/scanner-uptime?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`, { cache: 'no-store' });
    if (!res.ok || !(res.headers.get('content-type') ?? '').includes('json')) return null;
    const body = (await res.json()) as { days?: { observedMs?: unknown; connectedMs?: unknown }[] };
    let observed = 0;
    let connected = 0;
    for (const d of body.days ?? []) {
      if (typeof d.observedMs !== 'number' || typeof d.connectedMs !== 'number') continue;
      observed += d.observedMs;
      connected += Math.min(d.connectedMs, d.observedMs);
    }
    return observed > 0 ? Math.round((connected * 10_000) / observed) : null;
  } catch {
    return null;
  }
}
