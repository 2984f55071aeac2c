/**
 * Finding, reading and tapping elements through open shadow roots (the browser
 * tests' view of a screen). Not a test file itself.
 */
import { waitFor } from './wait-for.ts';

/** querySelector through a chain of shadow roots: deep(el, 'kiosk-register-form', 'button[name=save]'). */
export function deep<E extends Element = HTMLElement>(root: Element, ...selectors: string[]): E {
  let current: Element = root;
  for (const selector of selectors) {
    const scope: ParentNode = current.shadowRoot ?? current;
    const next = scope.querySelector(selector);
    if (!next) throw new Error(`no ${selector} under ${current.tagName.toLowerCase()}`);
    current = next;
  }
  return current as E;
}

export function maybeDeep(root: Element, ...selectors: string[]): Element | null {
  try {
    return deep(root, ...selectors);
  } catch {
    return null;
  }
}

/** All text under an element, through open shadow roots, whitespace collapsed. */
export function deepText(node: Node): string {
  const parts: string[] = [];
  const walk = (n: Node) => {
    if (n.nodeType === Node.TEXT_NODE) parts.push(n.textContent ?? '');
    if (n instanceof Element && n.shadowRoot) walk(n.shadowRoot);
    if (n instanceof HTMLSlotElement) {
      for (const assigned of n.assignedNodes({ flatten: true })) walk(assigned);
      return;
    }
    for (const child of n.childNodes) walk(child);
  };
  walk(node);
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

/** Poll until the element's deep text contains `text` (generous: CI machines are slow). */
export async function waitForText(root: Element, text: string, timeout = 5000): Promise<void> {
  await waitFor(() => deepText(root).includes(text), `"${text}" not shown; text is: ${deepText(root).slice(0, 400)}`, {
    timeout,
  });
}

/** Types `text` into the field at `selectors` (under `root`) as the on-screen keyboard does (an input event). */
export function typeInto(root: Element, text: string, ...selectors: string[]): void {
  const input = deep<HTMLInputElement | HTMLTextAreaElement>(root, ...selectors);
  input.value = text;
  input.dispatchEvent(new Event('input'));
}

/** Tap the button at `selectors` (through shadow roots) and wait for the element's render. */
export async function clickAndUpdate(el: Element & { updateComplete: Promise<unknown> }, ...selectors: string[]): Promise<void> {
  deep(el, ...selectors).click();
  await el.updateComplete;
}

/** Taps the element at `selectors` under a basket screen and waits until the screen has written and shown what the tap did. */
export async function clickAndSettle(screen: Element & { settled(): Promise<void> }, ...selectors: string[]): Promise<void> {
  deep(screen, ...selectors).click();
  await screen.settled();
}
