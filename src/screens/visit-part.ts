/**
 * What the visit screen gives each of its writing parts (price-tag audit,
 * checklist, notes): the visit shown, and whether it may be written.
 */
import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import type { VisitRecord } from '../data/schema.ts';

export class VisitPart extends LitElement {
  @property({ attribute: false }) visit?: VisitRecord;
  /** Writes are refused (the visit is paused, closed or confirmed, or nobody from the supplier is signed in). */
  @property({ type: Boolean }) readonly = false;
}
