import { describe, expect, it } from 'vitest';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { WriteQueueController } from '../../src/screens/write-queue-controller.ts';

function host(): ReactiveControllerHost {
  const controllers: ReactiveController[] = [];
  return {
    addController: (c) => void controllers.push(c),
    removeController: () => undefined,
    requestUpdate: () => undefined,
    updateComplete: Promise.resolve(true),
  };
}

describe('WriteQueueController', () => {
  it('runs writes one after another in the order asked, and a failed write does not stop the next', async () => {
    const queue = new WriteQueueController(host());
    const log: string[] = [];
    const slow = queue.run(async () => {
      log.push('a start');
      await new Promise((r) => setTimeout(r, 20));
      log.push('a end');
      return 'a';
    });
    const failing = queue.run(async () => {
      log.push('b');
      throw new Error('disk full');
    });
    const fast = queue.run(async () => {
      log.push('c');
      return 'c';
    });
    await expect(slow).resolves.toBe('a');
    await expect(failing).rejects.toThrow('disk full');
    await expect(fast).resolves.toBe('c');
    expect(log).toEqual(['a start', 'a end', 'b', 'c']);
  });

  it('settles once every write asked so far has finished', async () => {
    const queue = new WriteQueueController(host());
    let done = false;
    void queue.run(async () => {
      await new Promise((r) => setTimeout(r, 10));
      done = true;
    });
    await queue.settled();
    expect(done).toBe(true);
  });
});
