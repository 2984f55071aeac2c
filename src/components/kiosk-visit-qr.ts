/**
 * A QR code of the visit's summary (issue 12) for the rep's phone to read
 * off the screen: drawn as one SVG path from uqr's module matrix (no image,
 * no network). The text is what the phone gets; keep it short (a few hundred
 * bytes keeps the code readable at this size).
 */
import { LitElement, html, css, svg } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { encode } from 'uqr';

@customElement('kiosk-visit-qr')
export class KioskVisitQr extends LitElement {
  @property() text = '';
  /** Drawn size in px. */
  @property({ type: Number }) size = 200;
  /** What the code holds, for a screen reader. */
  @property() label = '';

  static override styles = css`
    :host {
      display: inline-block;
      background: #fff;
      line-height: 0;
    }
  `;

  override render() {
    if (!this.text) return html``;
    const qr = encode(this.text, { ecc: 'M', border: 2 });
    let d = '';
    qr.data.forEach((row, y) =>
      row.forEach((dark, x) => {
        if (dark) d += `M${x} ${y}h1v1h-1z`;
      }),
    );
    return html`<svg
      role="img"
      aria-label=${this.label}
      width=${this.size}
      height=${this.size}
      viewBox="0 0 ${qr.size} ${qr.size}"
      shape-rendering="crispEdges"
      data-modules=${qr.size}
    >
      ${svg`<rect width=${qr.size} height=${qr.size} fill="#fff"></rect><path d=${d} fill="#000"></path>`}
    </svg>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-visit-qr': KioskVisitQr;
  }
}
