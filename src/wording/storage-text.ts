/**
 * The one wording for a failed read or write of the terminal's own database,
 * on every screen: what happened and what to do, by kind of failure. (The
 * shell's banner for scans that could not be stored says more: those scans
 * are kept by the terminal service, see kiosk-app.ts.)
 */
import { msg } from '@lit/localize';
import { describeStorageError, type StorageErrorKind } from '../domain/errors.ts';

export function storageKindText(kind: StorageErrorKind): string {
  const names: Record<StorageErrorKind, string> = {
    quota: msg('存储空间已满，这一步没有完成。请腾出空间后再试一次。'),
    closed: msg('本机数据库连接中断，这一步没有完成。请再试一次；如果还不行，请重启终端。'),
    unknown: msg('本机数据库出错，这一步没有完成。请再试一次；如果还不行，请重启终端。已经保存的记录不会丢。'),
  };
  return names[kind];
}

/** A storage failure in words with what to do. */
export function storageErrorText(error: unknown): string {
  return storageKindText(describeStorageError(error));
}
