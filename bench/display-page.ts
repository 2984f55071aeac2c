/**
 * Bundled by bench/display.ts (esbuild) into a page served on loopback in
 * Debian's Chromium: a shop with `products` new products, each with a picture
 * imported the way the owner imports one (a 2400×1800 JPEG drawn here, shrunk
 * by importPicture to 1280 px WebP and stored as a Blob), then the customer
 * display's attract loop full screen, timed frame by frame.
 */
import { deleteKioskDb, getDb } from '../src/data/db.ts';
import { forgetProducts } from '../src/data/product-cache.ts';
import { importPicture } from '../src/data/pictures.ts';
import { registerProduct } from '../src/data/products.ts';
import { setUpOwner, usePinIterations } from '../src/data/roles.ts';
import { gs1CheckDigit } from '../src/domain/barcode.ts';
import type { KioskDisplayApp } from '../src/kiosk-display-app.ts';
import '../src/kiosk-display-app.ts';

const BRANDS = ['黄鹤楼', '中华', '玉溪', '云烟', '芙蓉王', '利群', '南京'];

function ean(i: number): string {
  const body = `6902${String(10_000_000 + i).slice(-8)}`;
  return body + String(gs1CheckDigit(body));
}

/** A photo-like test picture: a gradient, circles and the product's number, as a JPEG. */
async function testPicture(i: number): Promise<Blob> {
  const canvas = new OffscreenCanvas(2400, 1800);
  const c = canvas.getContext('2d')!;
  const g = c.createLinearGradient(0, 0, 2400, 1800);
  g.addColorStop(0, `hsl(${(i * 37) % 360} 70% 45%)`);
  g.addColorStop(1, `hsl(${(i * 37 + 140) % 360} 70% 25%)`);
  c.fillStyle = g;
  c.fillRect(0, 0, 2400, 1800);
  for (let k = 0; k < 40; k++) {
    c.fillStyle = `hsl(${(i * 13 + k * 29) % 360} 80% 60% / 0.5)`;
    c.beginPath();
    c.arc((k * 379) % 2400, (k * 211 + i * 17) % 1800, 60 + ((k * 7) % 140), 0, Math.PI * 2);
    c.fill();
  }
  c.fillStyle = '#fff';
  c.font = 'bold 400px sans-serif';
  c.fillText(String(i + 1), 200, 1100);
  return canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 });
}

async function seed(products: number): Promise<{ ms: number; pictureBytes: number }> {
  const started = performance.now();
  await deleteKioskDb();
  usePinIterations(10);
  await setUpOwner('2468');
  const db = await getDb();
  let pictureBytes = 0;
  for (let i = 0; i < products; i++) {
    const code = `0${ean(i)}`;
    await registerProduct({
      code,
      name: `${BRANDS[i % BRANDS.length]}（新品 ${i + 1}）`,
      priceCents: 1500 + i * 50,
      unit: 'pack',
      openingStock: 20,
    });
    const stored = (await db.get('products', code))!;
    await db.put('products', {
      ...stored,
      isNew: true,
      brand: BRANDS[i % BRANDS.length]!,
      category: '卷烟',
      specs: '焦油量 10mg · 20支/盒',
      brandStory: '始创于上世纪五十年代，选用云南高原烟叶，醇和细腻。'.repeat(2),
    });
    const picture = await importPicture(code, await testPicture(i));
    pictureBytes += picture.blob.size;
  }
  forgetProducts();
  return { ms: performance.now() - started, pictureBytes };
}

export interface LoopResult {
  frames: number;
  intervals: number[];
  /** Main-thread tasks over 50 ms during the run (PerformanceObserver 'longtask'): the page's own stalls. */
  longTasks: number;
  longTaskMs: number;
  shown: number;
  peakDecodedBytes: number;
  heldAtEnd: number;
}

function frames(seconds: number, onFrame: () => void = () => undefined): Promise<number[]> {
  const intervals: number[] = [];
  return new Promise((resolve) => {
    let last: number | undefined;
    let end: number | undefined;
    const frame = (t: number) => {
      if (last !== undefined) intervals.push(t - last);
      last = t;
      end ??= t + seconds * 1000;
      onFrame();
      if (t >= end) resolve(intervals);
      else requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
}

/** The same rAF loop over an empty page: how much the machine itself (other load) drops. */
async function runControl(seconds: number): Promise<number[]> {
  return frames(seconds);
}

/** Show the loop full screen for `seconds`, one product every `cycleMs`; every rAF interval. */
async function runLoop(seconds: number, cycleMs: number): Promise<LoopResult> {
  const el = document.createElement('kiosk-display-app') as KioskDisplayApp;
  el.cycleMs = cycleMs;
  el.style.cssText = 'position:fixed;inset:0';
  document.body.append(el);
  await el.ready;
  await el.updateComplete;
  let longTasks = 0;
  let longTaskMs = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      longTasks++;
      longTaskMs += entry.duration;
    }
  });
  observer.observe({ type: 'longtask' });
  const shown = new Set<string>();
  const intervals = await frames(seconds, () => {
    const code = el.shadowRoot?.querySelector('article[data-kind="new-product"]')?.getAttribute('data-code');
    if (code) shown.add(code);
  });
  observer.disconnect();
  const result = {
    frames: intervals.length,
    intervals,
    longTasks,
    longTaskMs,
    shown: shown.size,
    peakDecodedBytes: el.pictures.peakDecodedBytes,
    heldAtEnd: el.pictures.heldCount,
  };
  el.remove();
  return result;
}

(globalThis as unknown as { displayBench: unknown }).displayBench = { seed, runLoop, runControl };
