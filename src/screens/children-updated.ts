/**
 * For a screen's getUpdateComplete(): "updated" should mean what it shows is on
 * the glass, so it also waits for the child elements that draw it.
 */
import type { LitElement } from 'lit';

/**
 * `own` (the screen's super.getUpdateComplete()), then every element under
 * `root` matching `selector`: looked for only once the screen has rendered, so
 * a child it has just added is waited for too. Resolves to the screen's own
 * answer, as getUpdateComplete() must.
 */
export async function withChildrenUpdated(own: Promise<boolean>, root: ParentNode, selector: string): Promise<boolean> {
  const result = await own;
  const children = root.querySelectorAll<LitElement>(selector);
  await Promise.all([...children].map((c) => c.updateComplete));
  return result;
}
