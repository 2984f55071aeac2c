/**
 * The report's period: big buttons for today, this week, this month, last
 * month and the last 30 days, and two date fields for any range. Asks with
 * kiosk-report-period-change; the screen decides and sets `range` and `preset`.
 */
import { LitElement, html, css } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import { localized, msg } from '@lit/localize';
import { hostWrappingRow, kioskBase } from '../styles.ts';
import { isRange, PERIOD_PRESETS, type DayRange, type PeriodPreset } from '../domain/report/periods.ts';
import { kioskEvent } from './kiosk-event.ts';

export class KioskReportPeriodChangeEvent extends kioskEvent<{
  range: DayRange;
  /** The preset tapped; undefined for a range typed into the date fields. */
  preset: PeriodPreset | undefined;
}>()('kiosk-report-period-change') {}

export function presetName(preset: PeriodPreset): string {
  const names: Record<PeriodPreset, string> = {
    today: msg('今天'),
    'this-week': msg('本周'),
    'this-month': msg('本月'),
    'last-month': msg('上月'),
    'last-30-days': msg('近 30 天'),
  };
  return names[preset];
}

@customElement('kiosk-report-period')
@localized()
export class KioskReportPeriod extends LitElement {
  @property({ attribute: false }) range: DayRange = { from: '', to: '' };
  @property() preset: PeriodPreset | '' = '';
  /** How a preset maps to days (the screen knows today). */
  @property({ attribute: false }) rangeOf: (preset: PeriodPreset) => DayRange = () => this.range;

  @query('input[name=from]') private _from?: HTMLInputElement;
  @query('input[name=to]') private _to?: HTMLInputElement;

  static override styles = [
    kioskBase,
    hostWrappingRow,
    css`
      button {
        min-height: var(--kiosk-touch-min);
        padding: 4px 16px;
        font-size: 20px;
      }
      button[aria-pressed='true'] {
        background: var(--kiosk-mode-report, var(--kiosk-accent));
        border-color: var(--kiosk-mode-report, var(--kiosk-accent));
        color: var(--kiosk-on-mode, #fff);
      }
      label {
        display: inline-flex;
        gap: 6px;
        align-items: center;
        font-size: 18px;
      }
      input {
        min-height: var(--kiosk-touch-min);
        font-size: 18px;
        padding: 4px 8px;
        border: 2px solid var(--kiosk-border);
        border-radius: var(--kiosk-radius-small);
      }
    `,
  ];

  override render() {
    return html`${PERIOD_PRESETS.map(
      (p) =>
        html`<button
            type="button"
            data-preset=${p}
            aria-pressed=${String(this.preset === p)}
            @click=${() => this._choose(this.rangeOf(p), p)}
          >
            ${presetName(p)}
          </button>`,
    )}
      <label>${msg('从')} <input type="date" name="from" .value=${this.range.from} @change=${this._typed} /></label>
      <label>${msg('到')} <input type="date" name="to" .value=${this.range.to} @change=${this._typed} /></label>`;
  }

  private _typed = () => {
    const range = { from: this._from?.value ?? '', to: this._to?.value ?? '' };
    if (isRange(range)) this._choose(range, undefined);
  };

  private _choose(range: DayRange, preset: PeriodPreset | undefined) {
    this.dispatchEvent(new KioskReportPeriodChangeEvent({ range, preset }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-report-period': KioskReportPeriod;
  }
  interface HTMLElementEventMap {
    'kiosk-report-period-change': KioskReportPeriodChangeEvent;
  }
}
