/**
 * The catalog's export tab: the catalog or the stock as a CSV file, to the
 * browser's downloads or to a mounted USB stick. The screen writes the file.
 */
import { LitElement, html, css, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { localized, msg } from '@lit/localize';
import { catalogPanelStyles } from './catalog-styles.ts';
import './kiosk-banner.ts';
import { kioskEvent } from './kiosk-event.ts';

export type ExportKind = 'catalog' | 'stock';

/** The owner asked for a file: `to` is 'download' or a USB stick's directory (API path). */
export class KioskExportRequestedEvent extends kioskEvent<{ kind: ExportKind; to: 'download' | string }>()('kiosk-export-requested') {}

@customElement('kiosk-catalog-export')
@localized()
export class KioskCatalogExport extends LitElement {
  /** Mounted sticks an export can be saved to. */
  @property({ attribute: false }) targets: string[] = [];
  /** Where the last export went, in words. */
  @property({ attribute: false }) exported?: string;
  @property({ type: Boolean }) busy = false;

  static override styles = [
    catalogPanelStyles,
    css`
      .export button {
        font-size: var(--kiosk-font-body);
      }
    `,
  ];

  override render() {
    const targets = this.targets;
    const kinds: [ExportKind, string, string][] = [
      ['catalog', msg('导出商品'), msg('商品目录：条码、名称、价格、每条盒数等，格式和导入一样。')],
      ['stock', msg('导出库存'), msg('每个商品现在的库存（盒数，和几条几盒）。')],
    ];
    const ask = (kind: ExportKind, to: string) => this.dispatchEvent(new KioskExportRequestedEvent({ kind, to }));
    return html`<div class="card export">
      <h2>${msg('导出为 CSV 文件（Excel、WPS 可以打开）')}</h2>
      ${this.exported ? html`<kiosk-banner tone="info" data-kind="exported">${this.exported}</kiosk-banner>` : nothing}
      ${kinds.map(
        ([kind, label, hint]) => html`<h3>${label}</h3>
          <p class="muted">${hint}</p>
          <div class="row">
            <button type="button" class="primary" name="export-${kind}" ?disabled=${this.busy} @click=${() => ask(kind, 'download')}>${label}</button>
            ${targets.map(
              (t) => html`<button type="button" name="usb-${kind}" data-target=${t} ?disabled=${this.busy} @click=${() => ask(kind, t)}>
                ${msg('保存到U盘')}${targets.length > 1 ? html` <span class="muted">${t}</span>` : nothing}
              </button>`,
            )}
          </div>`,
      )}
      ${targets.length === 0 ? html`<p class="muted">${msg('插上 U 盘后，这里会出现「保存到U盘」。')}</p>` : nothing}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-catalog-export': KioskCatalogExport;
  }
  interface HTMLElementEventMap {
    'kiosk-export-requested': KioskExportRequestedEvent;
  }
}
