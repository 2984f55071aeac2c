import type { ReactiveElement } from 'lit';

/**
 * Resolves once a @lit/task's outcome is on the screen (tests, and a screen
 * waiting for its own reload). The task starts in the host's first update, so
 * that comes first; a failed task renders its own error, so its rejection is
 * not the caller's; then the update that shows the outcome.
 */
export async function taskShown(host: ReactiveElement, task: { readonly taskComplete: Promise<unknown> }): Promise<void> {
  await host.updateComplete;
  await task.taskComplete.catch(() => undefined);
  await host.updateComplete;
}
