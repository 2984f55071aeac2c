/**
 * "给客户经理留言" (issue 12): what the owner writes to the rep between visits.
 * The owner writes (canDo('message-rep')); the rep marks each read in the
 * visit they read it in (canDo('visit')). Order is the store's auto-increment
 * id, never the wall clock.
 */
import { NotAllowedError } from '../domain/errors.ts';
import { getDb, inTransaction } from './db.ts';
import { canDo, requireRole } from './roles.ts';
import type { OwnerMessage } from './schema.ts';

export type { OwnerMessage } from './schema.ts';

export const MAX_OWNER_MESSAGE_LENGTH = 500;

/** Every message, oldest first. */
export async function getOwnerMessages(): Promise<OwnerMessage[]> {
  const db = await getDb();
  return db.getAll('ownerMessages');
}

/** Messages the rep has not read in any visit yet, oldest first. */
export async function getUnreadOwnerMessages(): Promise<OwnerMessage[]> {
  return (await getOwnerMessages()).filter((m) => m.readInVisitId === undefined);
}

/** The owner writes a message to the rep. Throws NotAllowedError unless an owner session is open. */
export async function writeOwnerMessage(text: string, now: number = Date.now()): Promise<OwnerMessage> {
  requireRole('message-rep');
  const trimmed = text.trim();
  if (!trimmed) throw new RangeError('a message needs words');
  const message: OwnerMessage = { text: trimmed.slice(0, MAX_OWNER_MESSAGE_LENGTH), writtenAt: now };
  const db = await getDb();
  message.id = await db.add('ownerMessages', message);
  return message;
}

/** The rep read these messages in this visit. */
export async function markOwnerMessagesRead(ids: readonly number[], visitId: string): Promise<void> {
  if (!canDo('visit')) throw new NotAllowedError('visit');
  await inTransaction(['ownerMessages'], 'readwrite', async (tx) => {
    const store = tx.objectStore('ownerMessages');
    for (const id of ids) {
      const message = await store.get(id);
      if (message && message.readInVisitId === undefined) await store.put({ ...message, readInVisitId: visitId });
    }
  });
}
