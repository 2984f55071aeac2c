/** A plain SVG chart of fill rate against average stock, one curve per policy (screenshotted in Chromium by bench.ts). */

export interface Curve {
  name: string;
  points: Array<{ x: number; y: number; label: string }>;
}

const COLOURS: Record<string, string> = {
  engine: '#0f766e',
  lastweek: '#c2410c',
  minmax: '#7c3aed',
  lastyear: '#2563eb',
  informed: '#6b7280',
  rs: '#b91c1c',
};
const LABELS: Record<string, string> = {
  engine: 'engine (service level)',
  lastweek: 'last week’s sales (× level)',
  minmax: 'fixed min/max (× level)',
  lastyear: 'same period last year × growth (× level)',
  informed: "reference: the engine's ordering rule (same floor) fed the true demand distribution",
  rs: 'textbook (R,S): smoothing + z·σ·√(L+R) (z)',
};

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function niceStep(range: number, target: number): number {
  const raw = range / target;
  const pow = Math.pow(10, Math.floor(Math.log10(raw)));
  const m = raw / pow;
  return (m < 1.5 ? 1 : m < 3 ? 2 : m < 7 ? 5 : 10) * pow;
}

export function renderChart(curves: Curve[], opts: { title: string; oracle: { x: number; y: number } }): string {
  const W = 1000;
  const H = 680;
  const m = { left: 80, right: 30, top: 60, bottom: 70 };
  const all = curves.flatMap((c) => c.points).concat([{ ...opts.oracle, label: '' }]);
  let x0 = Math.min(...all.map((p) => p.x));
  let x1 = Math.max(...all.map((p) => p.x));
  let y0 = Math.min(...all.map((p) => p.y));
  let y1 = 1;
  const padX = (x1 - x0) * 0.05 || 0.1;
  x0 = Math.max(0, x0 - padX);
  x1 += padX;
  y0 = Math.max(0, y0 - (y1 - y0) * 0.05 - 0.002);
  y1 = Math.min(1.002, y1 + (y1 - y0) * 0.02);
  const sx = (x: number) => m.left + ((x - x0) / (x1 - x0)) * (W - m.left - m.right);
  const sy = (y: number) => H - m.bottom - ((y - y0) / (y1 - y0)) * (H - m.top - m.bottom);
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="Noto Sans CJK SC, sans-serif" font-size="13">`,
  );
  parts.push(`<rect width="${W}" height="${H}" fill="#fff"/>`);
  parts.push(`<text x="${W / 2}" y="28" text-anchor="middle" font-size="15" font-weight="bold">${esc(opts.title)}</text>`);
  const xs = niceStep(x1 - x0, 8);
  for (let v = Math.ceil(x0 / xs) * xs; v <= x1 + 1e-9; v += xs) {
    parts.push(`<line x1="${sx(v)}" x2="${sx(v)}" y1="${m.top}" y2="${H - m.bottom}" stroke="#e5e7eb"/>`);
    parts.push(`<text x="${sx(v)}" y="${H - m.bottom + 18}" text-anchor="middle">${v.toFixed(xs < 0.1 ? 2 : 1)}</text>`);
  }
  const ys = niceStep(y1 - y0, 8);
  for (let v = Math.ceil(y0 / ys) * ys; v <= y1 + 1e-9; v += ys) {
    parts.push(`<line x1="${m.left}" x2="${W - m.right}" y1="${sy(v)}" y2="${sy(v)}" stroke="#e5e7eb"/>`);
    parts.push(`<text x="${m.left - 8}" y="${sy(v) + 4}" text-anchor="end">${v.toFixed(ys < 0.01 ? 3 : 2)}</text>`);
  }
  if (0.98 >= y0 && 0.98 <= y1) {
    parts.push(`<line x1="${m.left}" x2="${W - m.right}" y1="${sy(0.98)}" y2="${sy(0.98)}" stroke="#9ca3af" stroke-dasharray="6 4"/>`);
    parts.push(`<text x="${W - m.right - 4}" y="${sy(0.98) - 5}" text-anchor="end" fill="#6b7280">fill 0.98 target</text>`);
  }
  if (1.3 >= x0 && 1.3 <= x1) {
    parts.push(`<line x1="${sx(1.3)}" x2="${sx(1.3)}" y1="${m.top}" y2="${H - m.bottom}" stroke="#9ca3af" stroke-dasharray="6 4"/>`);
    parts.push(`<text x="${sx(1.3) + 4}" y="${m.top + 14}" fill="#6b7280">1.3× oracle stock</text>`);
  }
  parts.push(
    `<rect x="${m.left}" y="${m.top}" width="${W - m.left - m.right}" height="${H - m.top - m.bottom}" fill="none" stroke="#374151"/>`,
  );
  parts.push(
    `<text x="${(m.left + W - m.right) / 2}" y="${H - 25}" text-anchor="middle">average stock on the shelves, as a multiple of the perfect-foresight policy's</text>`,
  );
  parts.push(
    `<text transform="translate(22 ${(m.top + H - m.bottom) / 2}) rotate(-90)" text-anchor="middle">fill rate (demand served from stock)</text>`,
  );
  for (const c of curves) {
    const colour = COLOURS[c.name] ?? '#111827';
    const pts = [...c.points].sort((a, b) => a.x - b.x);
    const dash = c.name === 'informed' ? ' stroke-dasharray="5 4"' : '';
    parts.push(
      `<polyline fill="none" stroke="${colour}"${dash} stroke-width="${c.name === 'engine' ? 3 : 2}" points="${pts.map((p) => `${sx(p.x).toFixed(1)},${sy(p.y).toFixed(1)}`).join(' ')}"/>`,
    );
    for (const p of pts) {
      parts.push(`<circle cx="${sx(p.x).toFixed(1)}" cy="${sy(p.y).toFixed(1)}" r="4" fill="${colour}"/>`);
      parts.push(
        `<text x="${(sx(p.x) + 6).toFixed(1)}" y="${(sy(p.y) + 14).toFixed(1)}" font-size="11" fill="${colour}">${esc(p.label)}</text>`,
      );
    }
  }
  parts.push(`<path d="M ${sx(opts.oracle.x) - 7} ${sy(opts.oracle.y)} l 7 -7 l 7 7 l -7 7 z" fill="#111827"/>`);
  parts.push(`<text x="${sx(opts.oracle.x) + 10}" y="${sy(opts.oracle.y) + 4}" font-size="12">perfect foresight</text>`);
  const lx = W - m.right - 420;
  let ly = H - m.bottom - 14 - 20 * (curves.length - 1);
  parts.push(`<rect x="${lx - 8}" y="${ly - 16}" width="420" height="${20 * curves.length + 10}" fill="#fff" stroke="#d1d5db"/>`);
  for (const c of curves) {
    const colour = COLOURS[c.name] ?? '#111827';
    parts.push(`<line x1="${lx}" x2="${lx + 24}" y1="${ly - 4}" y2="${ly - 4}" stroke="${colour}" stroke-width="3"/>`);
    parts.push(`<text x="${lx + 32}" y="${ly}">${esc(LABELS[c.name] ?? c.name)}</text>`);
    ly += 20;
  }
  parts.push('</svg>');
  return parts.join('\n');
}
