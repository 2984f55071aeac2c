import { describe, expect, it } from 'vitest';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { FormSaveController } from '../../src/components/form-save-controller.ts';

/** A host that counts the updates asked of it. */
function host(): ReactiveControllerHost & { updates: number } {
  const controllers: ReactiveController[] = [];
  return {
    updates: 0,
    addController: (c) => void controllers.push(c),
    removeController: () => {},
    requestUpdate() {
      this.updates += 1;
    },
    updateComplete: Promise.resolve(true),
  };
}

describe('FormSaveController', () => {
  it('writes once: a second run while the first is under way, or after it landed, writes nothing', async () => {
    const save = new FormSaveController(host());
    let writes = 0;
    let finish!: (value: string) => void;
    const write = () => {
      writes += 1;
      return new Promise<string>((resolve) => (finish = resolve));
    };
    const landed: string[] = [];
    const first = save.run(
      write,
      (v) => landed.push(v),
      () => {},
    );
    expect(save.saving).toBe(true);
    await save.run(
      write,
      (v) => landed.push(v),
      () => {},
    );
    expect(writes).toBe(1);
    finish('ok');
    await first;
    expect([save.saving, save.saved, save.busy]).toEqual([false, true, true]);
    expect(landed).toEqual(['ok']);
    await save.run(
      write,
      (v) => landed.push(v),
      () => {},
    );
    expect(writes).toBe(1);
  });

  it('says why a write failed while still saving, then may write again; reset starts over after a landed one', async () => {
    const save = new FormSaveController(host());
    const seen: boolean[] = [];
    await save.run(
      () => Promise.reject(new Error('disk full')),
      () => {},
      () => void seen.push(save.saving),
    );
    expect(seen).toEqual([true]);
    expect(save.busy).toBe(false);
    await save.run(
      () => Promise.resolve(1),
      () => {},
      () => {},
    );
    expect(save.saved).toBe(true);
    save.reset();
    expect(save.busy).toBe(false);
  });
});
