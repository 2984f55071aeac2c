/**
 * The owner changed what the customer display shows (the plan, the notices'
 * wording, pictures): tell every display page to read it again, after the
 * write has committed (page-signal.ts: the display may be another page of the
 * same origin, or customer mode in this one).
 */
import { pageSignal } from './page-signal.ts';

export const DISPLAY_CHANNEL = 'shop-terminal-display';

export interface DisplaySignal {
  type: 'display-changed';
  /** Pictures were imported or removed: cached picture URLs are stale too. */
  pictures: boolean;
}

const signal = pageSignal<DisplaySignal>(DISPLAY_CHANNEL, (data) =>
  data.type === 'display-changed' ? { type: 'display-changed', pictures: data.pictures === true } : undefined,
);

/** If the message is lost, the display shows the change at its next round of the loop. */
export function announceDisplayChanged(pictures = false): void {
  signal.announce({ type: 'display-changed', pictures });
}

/** Call `listener` for each change, from this page or another; returns the unsubscribe. */
export function onDisplayChanged(listener: (signal: DisplaySignal) => void): () => void {
  return signal.listen(listener);
}
