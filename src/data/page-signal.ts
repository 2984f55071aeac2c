/**
 * A signal to every page of this origin that some data changed (the counter's
 * sale, the display's plan): the other page reads the data itself from
 * IndexedDB, so the message only says what changed, and goes out after the
 * write has committed. Other pages (a second screen) hear it on a
 * BroadcastChannel; listeners in this page (customer mode) on an EventTarget,
 * since a BroadcastChannel does not deliver to its own sender.
 */

export interface PageSignal<T> {
  /** Tell every page (call after the commit). */
  announce(signal: T): void;
  /** Call `listener` for each signal, from this page or another; returns the unsubscribe. */
  listen(listener: (signal: T) => void): () => void;
}

/**
 * `read` checks a message from another page (anything may arrive on a channel)
 * and returns the signal, or undefined to drop it.
 */
export function pageSignal<T extends { type: string }>(channelName: string, read: (data: Partial<T>) => T | undefined): PageSignal<T> {
  let channel: BroadcastChannel | undefined;
  const local = new EventTarget();
  const eventName = 'signal';
  return {
    announce(signal) {
      try {
        channel ??= typeof BroadcastChannel === 'function' ? new BroadcastChannel(channelName) : undefined;
        channel?.postMessage(signal);
      } catch (error) {
        // The other page then shows the change at its next refresh; the data itself is written.
        console.warn(`${channelName}: could not post`, error);
      }
      local.dispatchEvent(new CustomEvent<T>(eventName, { detail: signal }));
    },
    listen(listener) {
      const fromHere = (event: Event) => listener((event as CustomEvent<T>).detail);
      local.addEventListener(eventName, fromHere);
      const other = typeof BroadcastChannel === 'function' ? new BroadcastChannel(channelName) : undefined;
      const fromOther = (event: MessageEvent) => {
        const data = event.data as Partial<T> | null;
        const signal = data === null || typeof data !== 'object' ? undefined : read(data);
        if (signal !== undefined) listener(signal);
      };
      other?.addEventListener('message', fromOther);
      return () => {
        local.removeEventListener(eventName, fromHere);
        other?.close();
      };
    },
  };
}
