/**
 * The unknown-barcode flow of every screen that takes scans: a code the shop
 * does not know opens the register form; scans that arrive while the owner has
 * typed into it are held (never thrown away with the typing) and offered one
 * by one once the form is saved or cancelled; the registered product is handed
 * back to the screen. Shared by the counter, basket, stocktake and adjust
 * screens, so all four behave the same way.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { createRef, ref } from 'lit/directives/ref.js';
import { msg, str } from '@lit/localize';
import type { Product } from '../domain/product.ts';
import type { Scan } from '../domain/scan-protocol.ts';
import type { KioskProductRegisteredEvent, KioskRegisterForm } from '../components/kiosk-register-form.ts';
import '../components/kiosk-register-form.ts';
import { kioskData } from '../data/kiosk-data.ts';
import '../components/kiosk-banner.ts';

export interface RegisterFlowOptions {
  /** The product just registered: put it where its scan would have gone. */
  registered(product: Product): void | Promise<void>;
  /** A scan held while the owner typed, offered now the form is closed. */
  release(scan: Scan): void | Promise<void>;
  /** The form closed (saved or cancelled), before the product and held scans are handed back. */
  closed?(): void;
  /** Runs the hand-back (a screen with a write queue puts it there). */
  run?(task: () => Promise<void>): Promise<unknown>;
}

export class RegisterFlowController implements ReactiveController {
  /** The code being registered: the form is open. */
  code?: string | undefined;
  /** Name and price the form starts from (the supplier's board), if any. */
  suggested?: { name: string; priceCents: number } | undefined;
  /** Scans held while the owner typed, oldest first. */
  held: readonly Scan[] = [];
  private readonly _form = createRef<KioskRegisterForm>();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: RegisterFlowOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  get open(): boolean {
    return this.code !== undefined;
  }

  /** The owner has typed into the open form: a scan must not throw that away. */
  get typing(): boolean {
    return this.code !== undefined && (this._form.value?.dirty ?? false);
  }

  /** Open the form for an unknown code (replacing an untouched one), filled from `suggested` when given. */
  start(code: string, suggested?: { name: string; priceCents: number }): void {
    this.code = code;
    this.suggested = suggested;
    this.host.requestUpdate();
  }

  /**
   * Close an untouched form without handing anything back: the owner scanned
   * on past it, so the scans still held are past too (they stay in the scan
   * journal and the recent list).
   */
  close(): void {
    if (this.code === undefined) return;
    this.code = undefined;
    this.held = [];
    this.host.requestUpdate();
  }

  /**
   * Hold a scan for later; the code being registered itself is not held again.
   * Returns false when the owner is not typing (nothing held).
   */
  hold(scan: Scan): boolean {
    if (!this.typing) return false;
    if (scan.code !== this.code && !this.held.some((s) => s.id === scan.id)) {
      this.held = [...this.held, scan];
      this.host.requestUpdate();
    }
    return true;
  }

  /**
   * A scan arrives: held (true) while the owner types; otherwise an untouched
   * form is closed and the screen shows the scan itself (false).
   */
  take(scan: Scan): boolean {
    if (this.hold(scan)) return true;
    this.close();
    return false;
  }

  /** The form, wired to hand its outcome back. */
  render() {
    return html`<kiosk-register-form
      ${ref(this._form)}
      .data=${kioskData}
      .code=${this.code ?? ''}
      .suggested=${this.suggested}
      @kiosk-product-registered=${(e: KioskProductRegisteredEvent) => this._finish(e.detail)}
      @kiosk-register-cancelled=${() => this._finish(undefined)}
    ></kiosk-register-form>`;
  }

  /** Says how many scans wait for the form (screens with their own wording render `held` themselves). */
  renderHeld() {
    return this.held.length > 0
      ? html`<kiosk-banner tone="info" data-kind="held"
          >${msg(str`刚扫到 ${this.held.length} 件商品。请先保存或取消正在登记的商品；之后会逐一显示。`)}</kiosk-banner
        >`
      : nothing;
  }

  private _finish(product: Product | undefined): Promise<unknown> {
    this.code = undefined;
    this.options.closed?.();
    this.host.requestUpdate();
    const task = async () => {
      if (product) await this.options.registered(product);
      await this._release();
    };
    return this.options.run ? this.options.run(task) : task();
  }

  /** Offer held scans one by one; one that opens a form again keeps the rest held for after it. */
  private async _release(): Promise<void> {
    while (this.code === undefined && this.held.length > 0) {
      const [scan, ...rest] = this.held;
      this.held = rest;
      this.host.requestUpdate();
      await this.options.release(scan!);
    }
  }
}
