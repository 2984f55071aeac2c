/**
 * The owner changed what the customer display shows (the plan, the notices'
 * wording, pictures): tell every display page to read it again. Like the sale
 * signal (sale-signal.ts), the display may be another page of the same origin,
 * so the message goes on a BroadcastChannel, and to listeners in this page
 * (customer mode), after the write has committed.
 */

export const DISPLAY_CHANNEL = 'shop-terminal-display';

export interface DisplaySignal {
  type: 'display-changed';
  /** Pictures were imported or removed: cached picture URLs are stale too. */
  pictures: boolean;
}

let channel: BroadcastChannel | undefined;
const local = new EventTarget();

export function announceDisplayChanged(pictures = false): void {
  const signal: DisplaySignal = { type: 'display-changed', pictures };
  try {
    channel ??= typeof BroadcastChannel === 'function' ? new BroadcastChannel(DISPLAY_CHANNEL) : undefined;
    channel?.postMessage(signal);
  } catch (error) {
    // The display then shows the change at its next round of the loop.
    console.warn('display signal: could not post', error);
  }
  local.dispatchEvent(new CustomEvent<DisplaySignal>('display-changed', { detail: signal }));
}

/** Call `listener` for each change, from this page or another; returns the unsubscribe. */
export function onDisplayChanged(listener: (signal: DisplaySignal) => void): () => void {
  const fromHere = (event: Event) => listener((event as CustomEvent<DisplaySignal>).detail);
  local.addEventListener('display-changed', fromHere);
  const other = typeof BroadcastChannel === 'function' ? new BroadcastChannel(DISPLAY_CHANNEL) : undefined;
  const fromOther = (event: MessageEvent) => {
    const data = event.data as Partial<DisplaySignal> | null;
    if (data?.type === 'display-changed') listener({ type: 'display-changed', pictures: data.pictures === true });
  };
  other?.addEventListener('message', fromOther);
  return () => {
    local.removeEventListener('display-changed', fromHere);
    other?.close();
  };
}
