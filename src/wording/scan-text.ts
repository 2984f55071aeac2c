/**
 * What the scanners and the scan journal say to the owner: a refused scan,
 * a scanner's state and what to do about it, and the shell's banners when
 * scans cannot be recorded. A scan that was not recorded is said the same
 * way wherever it shows.
 */
import { msg } from '@lit/localize';
import type { JournalState, RejectedScan, ScannerState } from '../domain/scan-protocol.ts';
import type { StorageErrorKind } from '../domain/errors.ts';

export function rejectReasonText(reason: RejectedScan['reason']): string {
  const words: Record<RejectedScan['reason'], string> = {
    'bad-check-digit': msg('条码校验位错误，请重新扫描'),
    'too-long': msg('扫到的内容太长，不是商品条码。请对准商品条码重新扫描'),
    'control-bytes': msg('扫到的内容有乱码。请重新扫描；如果总是这样，请检查扫描枪的设置'),
    empty: msg('没有扫到内容，请重新扫描'),
    'disk-full': msg('磁盘已满：这次扫码没有记录，请清理空间后重新扫码'),
    'read-only': msg('存储卡变成只读：这次扫码没有记录。请联系维护人员更换存储卡，然后重新扫码'),
    'journal-error': msg('存储出错：这次扫码没有记录，请重新扫码；如果总是这样，请联系维护人员'),
  };
  return words[reason];
}

export function scannerStatusText(status: ScannerState['status']): string {
  const words: Record<ScannerState['status'], string> = {
    connected: msg('已连接'),
    connecting: msg('正在连接'),
    disconnected: msg('已断开'),
    error: msg('无法打开'),
    off: msg('已停用'),
  };
  return words[status];
}

/** What the owner can do about a scanner problem, from the service's machine-readable cause. */
export function scannerHintText(cause: ScannerState['cause']): string | undefined {
  switch (cause) {
    case 'not-found':
      return msg('找不到扫描枪，请检查 USB 线是否插好');
    case 'busy':
      return msg('扫描枪被其他程序占用，请重启终端');
    case 'permission':
      return msg('没有权限打开扫描枪，请把用户加入 dialout 组');
    case 'unplugged':
      return msg('扫描枪被拔掉了，请重新插好');
    case 'other':
      return msg('扫描枪出错，请拔下重插；还不行请重启终端');
    case 'disk-full':
    case 'read-only':
    case 'journal-error':
      return rejectReasonText(cause);
    case undefined:
      return undefined;
  }
}

/** What the owner must know and do when the terminal cannot record scans. */
export function journalProblemText(status: Exclude<JournalState['status'], 'ok'>): string {
  const words: Record<typeof status, string> = {
    'disk-full': msg('磁盘已满：扫码没有记录！请清理空间后重新扫码；空间够了会自动恢复。'),
    'read-only': msg('存储卡变成只读：扫码没有记录！请联系维护人员更换存储卡，然后重新扫码。'),
    'journal-error': msg('存储出错：扫码可能没有记录！请重新扫码；如果总是这样，请联系维护人员。'),
  };
  return words[status];
}

/** Scans the service holds but this screen's database could not store: they are safe, space or a restart fixes it. */
export function scansNotStoredText(kind: StorageErrorKind): string {
  const words: Record<StorageErrorKind, string> = {
    quota: msg(
      '存储空间已满，新的扫描暂时存不进本机。扫描已由终端服务保留，不会丢失；请删除不需要的文件或联系维护人员腾出空间，之后会自动存入。',
    ),
    closed: msg('本机数据库连接中断，正在自动重试。扫描已由终端服务保留，不会丢失；如果一直显示，请重启终端。'),
    unknown: msg('扫描存储失败，正在自动重试。扫描已由终端服务保留，不会丢失；如果一直显示，请重启终端，还不行请联系维护人员。'),
  };
  return words[kind];
}
