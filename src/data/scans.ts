/**
 * Scans received from the terminal service. Storing is idempotent by scan id:
 * the service re-offers every scan it has no ack for, so the same scan may
 * arrive more than once and must be kept once. In 销售 and 入库 what a scan
 * does (a line in the basket) is written in the same transaction that keeps
 * it, so it happens exactly once too.
 */
import { unwrap } from 'idb';
import type { Scan } from '../domain/scan-protocol.ts';
import { getDb, inTransaction, type KioskStore, type StoredScan } from './db.ts';
import { addScansToOpenBaskets, type BasketScanEffect, type ScanApplyTx } from './sessions.ts';
import { announceSaleChanged } from './sale-signal.ts';

export type { StoredScan } from './db.ts';

export type StoreScanResult = 'stored' | 'duplicate';

/**
 * Keep scans, all in one transaction. Resolves only once it has committed to
 * disk ('strict' durability), because the caller acks the scans to the service
 * next and the service then forgets them. An already-stored scan is left
 * untouched ('duplicate'), and so is a second copy of a scan within the batch.
 */
export async function storeScans(scans: readonly Scan[], now = Date.now()): Promise<StoreScanResult[]> {
  const outcomes = await storeAndApplyScans(
    scans.map((scan) => ({ scan })),
    now,
  );
  return outcomes.map((o) => o.result);
}

/** Where a scan's effect goes: the open sale (销售) or delivery (入库); none: only kept. */
export type ScanTarget = 'sale' | 'delivery';

export interface ScanToStore {
  scan: Scan;
  into?: ScanTarget | undefined;
}

export interface StoredScanOutcome {
  result: StoreScanResult;
  /** What it did to its basket: only for a scan with `into` that was stored now. */
  effect?: BasketScanEffect;
}

/**
 * Keep scans and apply each to the open basket it is `into`, in ONE
 * transaction: a scan is stored if and only if it is in its basket, so a tab
 * that dies at any moment cannot leave a stored scan whose effect is missing,
 * and a re-offered scan ('duplicate') is never applied again. Commits like
 * storeScans ('strict'). Only database failures reject (and then nothing of the
 * batch is kept); a basket refusing a scan is that scan's effect.
 */
export async function storeAndApplyScans(items: readonly ScanToStore[], now = Date.now()): Promise<StoredScanOutcome[]> {
  if (items.length === 0) return [];
  const applying = items.some((item) => item.into !== undefined);
  if (!applying) {
    try {
      return await keepScans(items, now, { commitEarly: true });
    } catch (error) {
      // Committing early, a scan already kept (a re-offer) aborts the whole
      // batch (Chromium: UnknownError) instead of coming back as 'duplicate'.
      // Store it the patient way, which also reports any real database failure.
      if (!(error instanceof DOMException)) throw error;
    }
  }
  return keepScans(items, now, { commitEarly: false });
}

/**
 * Store a batch of arrivals, each applied to the basket `intoOf` gives it (the
 * one of the mode it arrived in), in one transaction: the stream's storeBatch.
 * `onEffect` hears what each applied scan did, before the results are returned.
 */
export async function storeArrivals(
  scans: readonly Scan[],
  intoOf: (scan: Scan) => ScanTarget | undefined,
  onEffect: (scanId: string, effect: BasketScanEffect) => void,
): Promise<StoreScanResult[]> {
  const outcomes = await storeAndApplyScans(scans.map((scan) => ({ scan, into: intoOf(scan) })));
  return outcomes.map(({ result, effect }, i) => {
    if (effect) onEffect(scans[i]!.id, effect);
    return result;
  });
}

/**
 * A stream's storeBatch by arrival: each scan goes into the basket it arrived
 * for (told by `arrived`, from onArrive), remembered until its batch is stored.
 */
export function arrivalStore(onEffect: (scanId: string, effect: BasketScanEffect) => void) {
  const into = new Map<string, ScanTarget | undefined>();
  return {
    arrived(scanId: string, target: ScanTarget | undefined): void {
      into.set(scanId, target);
    },
    async storeBatch(scans: readonly Scan[]): Promise<StoreScanResult[]> {
      const results = await storeArrivals(scans, (scan) => into.get(scan.id), onEffect);
      for (const scan of scans) into.delete(scan.id);
      return results;
    },
  };
}

/**
 * storeAndApplyScans' transaction. `commitEarly` (only for a batch that applies
 * nothing): the commit is asked for right after the adds, so it does not wait
 * for the page to take each add's success event between its rendering tasks,
 * then say it is done; at a Pi's speed that wait was most of a commit's time.
 */
async function keepScans(
  items: readonly ScanToStore[],
  now: number,
  { commitEarly }: { commitEarly: boolean },
): Promise<StoredScanOutcome[]> {
  const applying = items.some((item) => item.into !== undefined);
  // A batch that applies nothing stays on the scans store alone, so it never
  // waits behind a basket write.
  const stores: KioskStore[] = applying ? ['scans', 'sessions', 'basketLines', 'barcodes', 'products'] : ['scans'];
  const outcomes = await inTransaction(
    stores,
    'readwrite',
    async (tx) => {
      // add() refuses an existing id, which is exactly "already stored". The raw
      // request lets us catch that refusal without aborting the transaction, so
      // a batch costs one round trip and one commit instead of a read per scan.
      const store = unwrap(tx.objectStore('scans'));
      const adding = Promise.all(
        items.map(
          ({ scan, into }) =>
            new Promise<StoreScanResult>((resolve, reject) => {
              const record: StoredScan = into ? { ...scan, storedAt: now, into } : { ...scan, storedAt: now };
              const request = store.add(record);
              request.onsuccess = () => resolve('stored');
              request.onerror = (event) => {
                if (request.error?.name !== 'ConstraintError') {
                  reject(request.error);
                  return;
                }
                event.preventDefault();
                event.stopPropagation();
                resolve('duplicate');
              };
            }),
        ),
      );
      if (commitEarly) unwrap(tx).commit();
      const applyTo = items.flatMap(({ scan, into }, i) => (into ? [{ i, code: scan.code, into }] : []));
      // The basket's reads go with the adds, before we know which scans are new.
      const basketWork =
        applyTo.length > 0
          ? addScansToOpenBaskets(
              tx as unknown as ScanApplyTx,
              applyTo,
              adding.then((results) => applyTo.map(({ i }) => results[i] === 'stored')),
              now,
            )
          : undefined;
      const [results, basket] = await Promise.all([adding, basketWork]);
      const outcomes: StoredScanOutcome[] = results.map((result) => ({ result }));
      if (basket) {
        const { effects, written } = basket;
        // Nothing more to ask: commit now, not a round trip later when the writes report back.
        unwrap(tx).commit();
        await written;
        applyTo.forEach(({ i }, k) => {
          const effect = effects[k];
          if (effect) outcomes[i]!.effect = effect;
        });
      }
      return outcomes;
    },
    { durability: 'strict' },
  );
  // After the commit: the customer display reads the sale as it now is.
  const sales = new Set<string>();
  for (const { effect } of outcomes) if (effect?.kind === 'added' && effect.session.kind === 'sale') sales.add(effect.session.id);
  for (const id of sales) announceSaleChanged(id, 'open');
  return outcomes;
}

/** Keep one scan; see storeScans. */
export async function storeScan(scan: Scan, now = Date.now()): Promise<StoreScanResult> {
  const [result] = await storeScans([scan], now);
  return result!;
}

/** Whether a scan is kept as a row: the duplicate check's scope (the last two days; older ones are in day blocks). */
export async function hasScan(id: string): Promise<boolean> {
  const db = await getDb();
  return (await db.getKey('scans', id)) !== undefined;
}

/** Every raw scan kept, rows and day blocks. */
export { countScans } from './history.ts';

/** The latest scans, newest first in the service's (boot, seq) order, never by wall clock. */
export { recentScans as getRecentScans } from './history.ts';
