/**
 * For a screen's getUpdateComplete(): "updated" should mean what it shows is on
 * the glass, so it also waits for the child elements that draw it.
 */
import type { LitElement } from 'lit';

/** Resolves once every element under `root` matching `selector` has finished updating. */
export async function childrenUpdated(root: ParentNode, selector: string): Promise<void> {
  const children = root.querySelectorAll<LitElement>(selector);
  await Promise.all([...children].map((c) => c.updateComplete));
}
