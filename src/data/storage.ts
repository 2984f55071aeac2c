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

// The kinds of storage failure are the domain's (screens tell them apart in words).
export { describeStorageError, type StorageErrorKind } from '../domain/errors.ts';
