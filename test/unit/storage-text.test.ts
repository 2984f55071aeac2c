import { describe, expect, it } from 'vitest';
import { storageErrorText } from '../../src/wording/storage-text.ts';

describe('storageErrorText (one wording of a storage failure on every screen)', () => {
  it('tells a full disk from a lost connection from anything else, looking inside idb wrappers', () => {
    const quota = Object.assign(new Error('aborted'), { error: new DOMException('full', 'QuotaExceededError') });
    expect(storageErrorText(quota)).toContain('存储空间已满');
    expect(storageErrorText(new DOMException('gone', 'InvalidStateError'))).toContain('连接中断');
    const other = storageErrorText(new Error('UnknownError: disk'));
    expect(other).toContain('本机数据库出错');
    expect(other).toContain('重启终端');
  });
});
