/** The maintenance panel in words: clock jumps, backups that cannot be restored, software updates. */
import { msg, str } from '@lit/localize';
import type { BackupErrorReason } from '../domain/backup-format.ts';
import type { UpdateProgressReport, UpdateReport } from '../data/maintenance-service.ts';

/** How far the clock jumped: "向前 3 小时". */
export function clockJumpText(byMs: number): string {
  const minutes = Math.round(Math.abs(byMs) / 60_000);
  const amount = minutes >= 120 ? msg(str`${Math.round(minutes / 60)} 小时`) : msg(str`${minutes} 分钟`);
  return byMs > 0 ? msg(str`向前 ${amount}`) : msg(str`向后 ${amount}`);
}

/** A backup the terminal would not restore; nothing was changed. */
export function backupRefusalText(reason: BackupErrorReason): string {
  const words: Record<BackupErrorReason, string> = {
    'not-a-backup': msg('这个文件不是终端的备份。什么都没有改动。'),
    damaged: msg('备份文件损坏（校验和或内容不对）。什么都没有改动；请换一个备份。'),
    'other-version': msg('这个备份来自另一个软件版本。什么都没有改动；请先安装相应版本的更新。'),
    'not-empty': msg('这台终端里已经有数据：备份只能恢复到空的终端。什么都没有改动。'),
  };
  return words[reason];
}

/** Where an update from the USB stick has got to. */
export function updateStepText(step: UpdateProgressReport['step'] | undefined, offered: string): string {
  switch (step) {
    case 'copying':
      return msg(str`正在从 U 盘复制 ${offered}…`);
    case undefined:
    case 'waiting':
      return msg(str`等待安装程序开始：${offered}`);
    case 'checking':
      return msg(str`正在检查签名和校验和：${offered}`);
    case 'unpacking':
      return msg(str`正在解压 ${offered}`);
    case 'starting':
      return msg(str`正在启动 ${offered} 并检查它是否正常（最多一分钟）`);
    case 'rolling-back':
      return msg(str`${offered} 没有正常启动：正在退回原来的版本`);
  }
}

/** How the last update ended. */
export function lastUpdateText(r: UpdateReport): string {
  const offered = r.offered ?? '';
  switch (r.outcome) {
    case 'installed':
      return msg(str`上次更新：已安装 ${offered}`);
    case 'already-installed':
      return msg(str`上次更新：${offered} 已经装好了`);
    case 'rolled-back':
      return r.rollback === 'unhealthy'
        ? msg(str`上次更新：${offered} 没有正常启动，已退回 ${r.running}，但 ${r.running} 也没有正常回应。请联系维护人员。`)
        : msg(str`上次更新：${offered} 没有正常启动，已自动退回 ${r.running}`);
    case 'refused':
      return msg('上次更新：更新包没有通过检查（签名或校验和不对），没有安装');
  }
}
