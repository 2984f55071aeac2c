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
  // A listener's own channel object does hear what this page posts on another
  // one: posts carry who sent them, so this page hears its own signals once.
  const sender = Math.random().toString(36).slice(2);
  let channel: BroadcastChannel | undefined;
  const local = new EventTarget();
  const eventName = 'signal';
  return {
    announce(signal) {
      try {
        channel ??= typeof BroadcastChannel === 'function' ? new BroadcastChannel(channelName) : undefined;
        channel?.postMessage({ ...signal, from: sender });
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
        const posted = event.data as (Partial<T> & { from?: unknown }) | null;
        if (posted === null || typeof posted !== 'object' || posted.from === sender) return;
        const { from: _from, ...data } = posted;
        const signal = read(data as Partial<T>);
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
