/**
 * Keeping the shop's data on the device: ask the browser not to evict it, and
 * turn storage failures into something the screen can explain.
 */

export type PersistResult = 'persisted' | 'denied' | 'unsupported';

/**
 * Ask for persistent storage so Chromium never evicts the database under disk
 * pressure. Safe to call on every start: it asks only when not yet granted.
 */
export async function requestPersistentStorage(): Promise<PersistResult> {
  const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
  if (!storage || typeof storage.persist !== 'function' || typeof storage.persisted !== 'function') {
    return 'unsupported';
  }
  try {
    if (await storage.persisted()) return 'persisted';
    return (await storage.persist()) ? 'persisted' : 'denied';
  } catch {
    // Insecure context or a policy refused the question outright.
    return 'denied';
  }
}

/**
 * - 'quota': the disk (or the browser's share of it) is full: free space, then retry.
 * - 'closed': the database connection went away (upgrade in another tab, browser
 *   shutting it); retrying reopens it.
 * - 'unknown': anything else, including Chromium's UnknownError (a damaged or
 *   unreadable database file): restart the terminal; call support if it stays.
 */
export type StorageErrorKind = 'quota' | 'closed' | 'unknown';

export function describeStorageError(err: unknown): StorageErrorKind {
  for (let e: unknown = err, depth = 0; e && depth < 4; depth++) {
    const name = errorName(e);
    if (name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED') return 'quota';
    if (name === 'InvalidStateError') return 'closed';
    const message = e instanceof Error ? e.message : '';
    if (/quota/i.test(message)) return 'quota';
    // idb rejects an aborted transaction with its `error`; look inside wrappers.
    e = (e as { cause?: unknown; error?: unknown }).cause ?? (e as { error?: unknown }).error;
  }
  return 'unknown';
}

function errorName(e: unknown): string | undefined {
  if (typeof e !== 'object' || e === null) return undefined;
  const name = (e as { name?: unknown }).name;
  return typeof name === 'string' ? name : undefined;
}
