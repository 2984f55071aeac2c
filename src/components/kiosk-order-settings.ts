/**
 * Ordering settings (订货设置): ordering days, days for a delivery to arrive,
 * service level, the shop's business format, an optional budget, and quotas of
 * scarce products (紧俏货源). Every bad input gets a message in words beside
 * it, and nothing is saved until the whole form is right.
 *
 * The element only checks and asks: kiosk-order-settings-save,
 * kiosk-quota-save and kiosk-quota-delete carry what to store, and the screen
 * that owns the data writes it. Numbers can be typed with the on-screen keypad
 * (it types into the number field last touched) or a keyboard.
 */
import { LitElement, html, css, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { html as staticHtml, literal, type StaticValue } from 'lit/static-html.js';
import { localized, msg, str } from '@lit/localize';
import { kioskBase, hostBlock } from '../styles.ts';
import { formatCents, parsePriceToCents } from '../domain/product.ts';
import {
  BUSINESS_FORMATS,
  MAX_BUDGET_CENTS,
  MAX_LEAD_TIME_DAYS,
  MAX_QUOTA_UNITS,
  MAX_VOLUME_BAND,
  SERVICE_LEVELS,
  checkQuota,
  checkReorderSettings,
  type BusinessFormat,
  type QuotaErrors,
  type ReorderSettingsRecord,
  type SettingsErrors,
} from '../domain/reorder/settings.ts';
import type { Quota } from '../domain/reorder/engine.ts';
import { formattingLocale } from '../localization.ts';
import { businessFormatName, weekdayName } from '../wording/order-text.ts';
import { unitText } from '../wording/stock-text.ts';
import type { KioskKeypadPressEvent } from './kiosk-keypad.ts';
import './kiosk-keypad.ts';
import { kioskEvent } from './kiosk-event.ts';

export class KioskOrderSettingsSaveEvent extends kioskEvent<ReorderSettingsRecord>()('kiosk-order-settings-save') {}

export class KioskQuotaSaveEvent extends kioskEvent<{ code: string; units: number; periodStart: string; periodEnd: string }>()(
  'kiosk-quota-save',
) {}

export class KioskQuotaDeleteEvent extends kioskEvent<string>()('kiosk-quota-delete') {}

type NumberField = 'lead' | 'budget' | 'quotaUnits' | 'band';

/** Weekday names, Monday first (the shop's week); values are 0 = Sunday … 6 = Saturday. */
const WEEK: readonly number[] = [1, 2, 3, 4, 5, 6, 0];

function digitsOnly(text: string): string {
  return text.replace(/[\uff10-\uff19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).trim();
}

/** A whole number typed by a person, NaN when it is not one ("" → NaN, "2.5" → 2.5 so it is reported as not whole). */
function parseCount(text: string): number {
  const t = digitsOnly(text);
  if (!/^-?\d+(\.\d+)?$/.test(t)) return Number.NaN;
  return Number(t);
}

@customElement('kiosk-order-settings')
@localized()
export class KioskOrderSettings extends LitElement {
  @property({ attribute: false }) settings?: ReorderSettingsRecord;
  @property({ attribute: false }) quotas: Quota[] = [];
  /** Products the owner may give a quota, by name. */
  @property({ attribute: false }) products: { code: string; name: string }[] = [];
  @property({ type: Boolean }) busy = false;

  @state() private _days: number[] = [];
  @state() private _lead = '';
  @state() private _level = 0.97;
  @state() private _format?: BusinessFormat | undefined;
  @state() private _budget = '';
  /** 档位 as typed ('' = not known). */
  @state() private _band = '';
  @state() private _errors: SettingsErrors = {};
  @state() private _active: NumberField = 'lead';

  @state() private _quotaCode = '';
  @state() private _quotaUnits = '';
  @state() private _quotaStart = '';
  @state() private _quotaEnd = '';
  @state() private _quotaErrors: QuotaErrors = {};

  private _loadedFrom?: ReorderSettingsRecord;

  static override styles = [
    kioskBase,
    hostBlock,
    css`
      form {
        display: flex;
        flex-direction: column;
        gap: 14px;
      }
      fieldset {
        border: 1px solid var(--kiosk-border);
        border-radius: var(--kiosk-radius-small);
        margin: 0;
        padding: 10px 12px 12px;
      }
      legend {
        font-size: var(--kiosk-font-small);
        font-weight: 700;
        padding: 0 6px;
      }
      .choices {
        display: flex;
        flex-wrap: wrap;
        gap: 8px;
      }
      .choices button {
        min-width: 72px;
        min-height: 52px;
        padding: 0 12px;
        font-size: 20px;
      }
      .choices button[aria-pressed='true'] {
        background: var(--kiosk-mode-order);
        border-color: var(--kiosk-mode-order);
        color: var(--kiosk-on-mode);
        font-weight: 700;
      }
      label {
        display: flex;
        align-items: center;
        gap: 10px;
        font-size: var(--kiosk-font-small);
      }
      input,
      select {
        font: inherit;
        font-size: 22px;
        min-height: 52px;
        padding: 0 10px;
        border: 2px solid var(--kiosk-border);
        border-radius: var(--kiosk-radius-small);
        min-width: 0;
      }
      input[data-active] {
        border-color: var(--kiosk-mode-order);
        outline: 2px solid var(--kiosk-mode-order);
      }
      input.number {
        width: 9em;
        font-variant-numeric: tabular-nums;
      }
      .error {
        color: var(--kiosk-error);
        font-weight: 600;
        font-size: var(--kiosk-font-small);
        margin-top: 6px;
      }
      .hint {
        color: var(--kiosk-text-muted);
        font-size: 16px;
        margin-top: 4px;
      }
      kiosk-keypad {
        --kiosk-keypad-key-height: 52px;
        max-width: 360px;
      }
      .actions {
        display: flex;
        gap: 8px;
      }
      .quota-list {
        list-style: none;
        margin: 0 0 8px;
        padding: 0;
        display: flex;
        flex-direction: column;
        gap: 6px;
      }
      .quota-list li {
        display: flex;
        align-items: center;
        justify-content: space-between;
        gap: 8px;
        font-size: var(--kiosk-font-small);
      }
      .quota-form {
        display: grid;
        grid-template-columns: 1fr 1fr;
        gap: 8px;
      }
    `,
  ];

  protected override willUpdate(): void {
    // Take the saved settings into the form when they (re)arrive, not on every render.
    if (this.settings && this.settings !== this._loadedFrom) {
      this._loadedFrom = this.settings;
      this._days = [...this.settings.orderDays];
      this._lead = String(this.settings.leadTimeDays);
      this._level = this.settings.serviceLevel;
      this._format = this.settings.businessFormat;
      this._budget = this.settings.budgetCents === undefined ? '' : (this.settings.budgetCents / 100).toFixed(2).replace(/\.00$/, '');
      this._band = this.settings.volumeBand === undefined ? '' : String(this.settings.volumeBand);
      this._errors = {};
    }
  }

  override render() {
    return html`<form @submit=${this._save} novalidate>
      ${this._setting(
        'orderDays',
        msg('订货日'),
        this._choices(
          literal`data-day`,
          WEEK,
          weekdayName,
          (d) => this._days.includes(d),
          (d) => this._toggleDay(d),
        ),
        msg('请至少选一个订货日（向供货商订货的那天）。'),
      )}
      ${this._setting(
        'leadTimeDays',
        msg('到货天数'),
        html`<label>
          ${this._numberInput('lead', 'lead')}
          ${msg('天（下单后几天送到，0 = 当天到）')}
        </label>`,
        this._leadError(),
      )}
      ${this._setting(
        'serviceLevel',
        msg('不断货的把握'),
        html`${this._choices(
          literal`data-level`,
          SERVICE_LEVELS,
          (level) => `${Math.round(level * 100)}%`,
          (level) => this._level === level,
          (level) => (this._level = level),
        )}
          <div class="hint">${msg('越高越少断货，但压的货和钱也越多。一般选 97%。')}</div>`,
        msg('请选一个服务水平：90%、95%、97% 或 99%。'),
      )}
      ${this._setting(
        'businessFormat',
        msg('经营业态'),
        this._choices(
          literal`data-format`,
          BUSINESS_FORMATS,
          businessFormatName,
          (f) => this._format === f,
          (f) => (this._format = f),
        ),
        msg('请选店的业态。'),
      )}
      ${this._setting(
        'volumeBand',
        msg('档位（可不填）'),
        html`<label>
          ${this._numberInput('band', 'band')}
          ${msg(str`档（1–${MAX_VOLUME_BAND}，烟草公司定的客户档位）`)}
        </label>`,
        msg(str`档位要填 1 到 ${MAX_VOLUME_BAND} 的整数；不知道就留空。`),
      )}
      ${this._setting(
        'budgetCents',
        msg('订货预算（可不填）'),
        html`<label>
          ¥ ${this._numberInput('budget', 'budget', 'decimal')}
          ${msg('元；留空 = 不限')}
        </label>`,
        this._budgetError(),
      )}

      <kiosk-keypad decimal ?disabled=${this.busy} @kiosk-keypad-press=${this._onKey}></kiosk-keypad>
      <div class="actions">
        <button type="submit" name="save-settings" class="primary" ?disabled=${this.busy}>${msg('保存设置')}</button>
      </div>
      ${this._renderQuotas()}
    </form>`;
  }

  /** One setting of the form: its legend, what is chosen or typed, and what is wrong with it (shown once checked). */
  private _setting(field: keyof SettingsErrors, legend: string, body: TemplateResult, error: string) {
    return html`<fieldset data-field=${field}>
      <legend>${legend}</legend>
      ${body}
      ${this._errors[field] ? html`<div class="error" role="alert">${error}</div>` : nothing}
    </fieldset>`;
  }

  /** A row of buttons, one a value, pressed where it is chosen; `mark` is the buttons' data attribute (data-day…). */
  private _choices<T extends number | string>(
    mark: StaticValue,
    values: readonly T[],
    label: (value: T) => string,
    pressed: (value: T) => boolean,
    pick: (value: T) => void,
  ) {
    return staticHtml`<div class="choices">
      ${values.map(
        (
          value,
        ) => staticHtml`<button type="button" ${mark}=${value} aria-pressed=${pressed(value) ? 'true' : 'false'} @click=${() => pick(value)}>
          ${label(value)}
        </button>`,
      )}
    </div>`;
  }

  private _renderQuotas() {
    const q = this._quotaErrors;
    const names = new Map(this.products.map((p) => [p.code, p.name]));
    return html`<fieldset data-field="quotas">
      <legend>${msg('紧俏货源配额')}</legend>
      ${
        this.quotas.length > 0
          ? html`<ul class="quota-list">
            ${this.quotas.map(
              (quota) => html`<li data-quota=${quota.code}>
                <span>${names.get(quota.code) ?? quota.code}：${msg(str`${quota.periodStart} 至 ${quota.periodEnd} 共 ${quota.units} 条，已订 ${quota.ordered} 条`)}</span>
                <button type="button" name="delete-quota" ?disabled=${this.busy} @click=${() => this.dispatchEvent(new KioskQuotaDeleteEvent(quota.code))}>
                  ${msg('删除')}
                </button>
              </li>`,
            )}
          </ul>`
          : html`<div class="hint">${msg('还没有配额。供货商限量供应的商品，在这里填上每期能订多少条。')}</div>`
      }
      <div class="quota-form">
        <label>
          <select name="quota-product" .value=${this._quotaCode} @change=${(ev: Event) => (this._quotaCode = (ev.target as HTMLSelectElement).value)}>
            <option value="">${msg('选商品…')}</option>
            ${this.products.map((p) => html`<option value=${p.code} ?selected=${p.code === this._quotaCode}>${p.name}</option>`)}
          </select>
        </label>
        <label>
          ${this._numberInput('quotaUnits', 'quota-units')}
          ${unitText('carton', Number(this._quotaUnits || 0))}
        </label>
        <label>${msg('从')} <input type="date" name="quota-start" .value=${this._quotaStart} @input=${(ev: Event) => (this._quotaStart = (ev.target as HTMLInputElement).value)} /></label>
        <label>${msg('到')} <input type="date" name="quota-end" .value=${this._quotaEnd} @input=${(ev: Event) => (this._quotaEnd = (ev.target as HTMLInputElement).value)} /></label>
      </div>
      ${q.code ? html`<div class="error" role="alert" data-error="quota-code">${msg('请选要限量的商品。')}</div>` : nothing}
      ${q.units ? html`<div class="error" role="alert" data-error="quota-units">${this._quotaUnitsError()}</div>` : nothing}
      ${q.periodStart ? html`<div class="error" role="alert" data-error="quota-start">${msg('请选配额期的开始日期。')}</div>` : nothing}
      ${
        q.periodEnd
          ? html`<div class="error" role="alert" data-error="quota-end">
            ${q.periodEnd === 'before-start' ? msg('配额期的结束日期不能早于开始日期。') : msg('请选配额期的结束日期。')}
          </div>`
          : nothing
      }
      <div class="actions">
        <button type="button" name="save-quota" ?disabled=${this.busy} @click=${this._saveQuota}>${msg('保存配额')}</button>
      </div>
    </fieldset>`;
  }

  private _leadError(): string {
    switch (this._errors.leadTimeDays) {
      case 'too-large':
        return msg(str`到货天数最多 ${MAX_LEAD_TIME_DAYS} 天，请检查。`);
      case 'too-small':
        return msg('到货天数不能是负数；当天送到请填 0。');
      default:
        return msg(str`请填到货天数：0 到 ${MAX_LEAD_TIME_DAYS} 之间的整数，例如 2。`);
    }
  }

  private _budgetError(): string {
    switch (this._errors.budgetCents) {
      case 'too-small':
        return msg('预算要大于 0 元；不限预算请留空。');
      case 'too-large':
        return msg(str`预算太大，请检查（最多 ${formatCents(MAX_BUDGET_CENTS, formattingLocale())}）。`);
      default:
        return msg('预算请填金额，例如 3000 或 2500.50；不限预算请留空。');
    }
  }

  private _quotaUnitsError(): string {
    switch (this._quotaErrors.units) {
      case 'too-large':
        return msg(str`配额最多 ${MAX_QUOTA_UNITS} 条，请检查。`);
      case 'too-small':
        return msg('配额不能是负数；这一期一条也不供请填 0。');
      default:
        return msg('请填这一期能订多少条：0 或以上的整数。');
    }
  }

  private _toggleDay(day: number) {
    this._days = this._days.includes(day) ? this._days.filter((d) => d !== day) : [...this._days, day].sort((a, b) => a - b);
  }

  private _onKey = (e: KioskKeypadPressEvent) => {
    const field = this._active;
    const current = this._textOf(field);
    let next = current;
    if (e.detail === 'backspace') next = current.slice(0, -1);
    else if (e.detail === 'clear') next = '';
    else if (e.detail === '.') next = field === 'budget' && !current.includes('.') ? current + '.' : current;
    else next = current.length < 12 ? current + e.detail : current;
    this._setText(field, next);
  };

  /** What a number field holds, typed on the keypad or a keyboard. */
  private _textOf(field: NumberField): string {
    return field === 'lead' ? this._lead : field === 'budget' ? this._budget : field === 'band' ? this._band : this._quotaUnits;
  }

  private _setText(field: NumberField, text: string): void {
    if (field === 'lead') this._lead = text;
    else if (field === 'budget') this._budget = text;
    else if (field === 'band') this._band = text;
    else this._quotaUnits = text;
  }

  /** A number field's input: the keypad types into the one last touched (data-active). */
  private _numberInput(field: NumberField, name: string, inputmode: 'numeric' | 'decimal' = 'numeric') {
    return html`<input
      class="number"
      name=${name}
      inputmode=${inputmode}
      autocomplete="off"
      ?data-active=${this._active === field}
      .value=${this._textOf(field)}
      @focus=${() => (this._active = field)}
      @input=${(ev: Event) => this._setText(field, (ev.target as HTMLInputElement).value)}
    />`;
  }

  /** Check the form; when right, ask for it to be saved. */
  private _save = (e?: Event) => {
    e?.preventDefault();
    const budgetText = this._budget.trim();
    const budget = budgetText === '' ? undefined : (parsePriceToCents(budgetText) ?? Number.NaN);
    const checked = checkReorderSettings({
      orderDays: this._days,
      leadTimeDays: parseCount(this._lead),
      serviceLevel: this._level,
      businessFormat: this._format,
      budgetCents: budget,
      volumeBand: this._band.trim() === '' ? undefined : parseCount(this._band),
      ...(this.settings?.stocktakeMaxAgeDays !== undefined ? { stocktakeMaxAgeDays: this.settings.stocktakeMaxAgeDays } : {}),
    });
    if (!checked.ok) {
      this._errors = checked.errors;
      return;
    }
    this._errors = {};
    this.dispatchEvent(new KioskOrderSettingsSaveEvent(checked.settings));
  };

  private _saveQuota = () => {
    const quota = { code: this._quotaCode, units: parseCount(this._quotaUnits), periodStart: this._quotaStart, periodEnd: this._quotaEnd };
    const errors = checkQuota(quota);
    this._quotaErrors = errors;
    if (Object.keys(errors).length > 0) return;
    this.dispatchEvent(new KioskQuotaSaveEvent(quota));
    this._quotaCode = '';
    this._quotaUnits = '';
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-order-settings': KioskOrderSettings;
  }
  interface HTMLElementEventMap {
    'kiosk-order-settings-save': KioskOrderSettingsSaveEvent;
    'kiosk-quota-save': KioskQuotaSaveEvent;
    'kiosk-quota-delete': KioskQuotaDeleteEvent;
  }
}
