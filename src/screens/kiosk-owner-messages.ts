/**
 * "给客户经理留言" (issue 12): the owner writes to the rep between visits; the
 * rep reads them in the next visit (记录 tab) and each is marked read there.
 * Shown in the owner's panel, in an owner session.
 */
import { LitElement, html, css, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { localized, msg } from '@lit/localize';
import { panelPartStyles } from '../components/panel-styles.ts';
import { getOwnerMessages, writeOwnerMessage, type OwnerMessage } from '../data/owner-messages.ts';
import { canDo } from '../data/roles.ts';

@customElement('kiosk-owner-messages')
@localized()
export class KioskOwnerMessages extends LitElement {
  @state() private _messages: OwnerMessage[] = [];
  @state() private _text = '';
  @state() private _message = '';

  static override styles = [
    ...panelPartStyles,
    css`
      .row {
        display: flex;
        gap: 8px;
      }
      input {
        flex: 1;
        min-height: var(--kiosk-touch-min);
        font-size: var(--kiosk-font-body);
      }
      button {
        min-height: var(--kiosk-touch-min);
      }
      ul {
        padding-left: 1.2em;
      }
      .read {
        color: var(--kiosk-text-muted);
      }
      .message {
        color: var(--kiosk-error);
        font-weight: 700;
      }
    `,
  ];

  override connectedCallback(): void {
    super.connectedCallback();
    void this._load();
  }

  private async _load() {
    this._messages = await getOwnerMessages();
  }

  override render() {
    if (!canDo('message-rep')) return nothing;
    return html`<h3>${msg('给客户经理留言')}</h3>
      <div class="row">
        <input
          name="owner-message"
          maxlength="500"
          placeholder=${msg('下次拜访时客户经理会看到')}
          .value=${this._text}
          @input=${(e: Event) => (this._text = (e.target as HTMLInputElement).value)}
        />
        <button type="button" name="write-owner-message" class="primary" @click=${this._write}>${msg('留言')}</button>
      </div>
      ${this._message ? html`<p class="message" role="alert">${this._message}</p>` : nothing}
      <ul data-kind="owner-message-list">
        ${[...this._messages].reverse().map(
          (m) => html`<li class=${m.readInVisitId ? 'read' : ''} data-read=${m.readInVisitId ? 'true' : 'false'}>
            ${new Date(m.writtenAt).toLocaleDateString('zh-CN')} · ${m.text} · ${m.readInVisitId ? msg('已读') : msg('未读')}
          </li>`,
        )}
      </ul>`;
  }

  private _write = async () => {
    this._message = '';
    if (!this._text.trim()) {
      this._message = msg('请写下要说的话。');
      return;
    }
    try {
      await writeOwnerMessage(this._text);
      this._text = '';
      await this._load();
    } catch (error) {
      console.error('owner message', error);
      this._message = msg('没能保存，请再试一次。');
    }
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-owner-messages': KioskOwnerMessages;
  }
}
