/**
 * Notes and next actions of a visit: the rep's notes, the follow-ups with the
 * day each is due (done or not), and the owner's messages to the rep
 * ("给客户经理留言") not read yet, each marked read in this visit.
 */
import { html, css, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { localized, msg } from '@lit/localize';
import { visitPartStyles } from './visit-part-styles.ts';
import { addNextAction, putVisitNotes, setNextActionDone } from '../data/visits.ts';
import { getUnreadOwnerMessages, markOwnerMessagesRead, type OwnerMessage } from '../data/owner-messages.ts';
import { addDays, VISIT_INTERVAL_DAYS } from '../domain/visit.ts';
import { localDay } from '../domain/product.ts';
import { VisitPart } from './visit-part.ts';
import { VisitPartWriter } from './visit-part-writer.ts';

@customElement('kiosk-visit-notes')
@localized()
export class KioskVisitNotes extends VisitPart {
  @state() private _messages: OwnerMessage[] = [];
  @state() private _actionText = '';
  @state() private _actionDue = addDays(localDay(Date.now()), VISIT_INTERVAL_DAYS);
  private readonly _writer = new VisitPartWriter(this, 'visit notes');

  static override styles = [
    ...visitPartStyles,
    css`
      .card {
        overflow: auto;
        min-height: 0;
      }
      textarea {
        flex: 1;
        min-height: 80px;
        font-size: var(--kiosk-font-small);
      }
      input {
        min-height: 40px;
        font-size: var(--kiosk-font-small);
      }
      button {
        min-height: var(--kiosk-touch-min);
      }
      .row {
        display: flex;
        gap: 6px;
        align-items: center;
        flex-wrap: wrap;
      }
      ul {
        margin: 0;
        padding-left: 0;
        list-style: none;
        display: flex;
        flex-direction: column;
        gap: 4px;
      }
      li {
        display: flex;
        gap: 8px;
        align-items: center;
      }
      li span {
        flex: 1;
      }
      .done span {
        text-decoration: line-through;
        color: var(--kiosk-text-muted);
      }
      .owner-message {
        background: var(--kiosk-warn-soft);
        border-radius: var(--kiosk-radius-small);
        padding: 4px 8px;
      }
      .message {
        color: var(--kiosk-error);
        font-weight: 700;
      }
    `,
  ];

  override connectedCallback(): void {
    super.connectedCallback();
    void this._loadMessages();
  }

  private async _loadMessages() {
    this._messages = await getUnreadOwnerMessages();
  }

  override render() {
    const visit = this.visit;
    if (!visit) return nothing;
    return html`<section class="card" data-kind="visit-notes">
        <h3>${msg('拜访记录')}</h3>
        <textarea
          name="visit-notes"
          .value=${visit.notes}
          ?disabled=${this.readonly}
          placeholder=${msg('和店主谈了什么、看到了什么')}
          @change=${(e: Event) => void this._writer.write(() => putVisitNotes(visit.id, (e.target as HTMLTextAreaElement).value))}
        ></textarea>
        ${
          this._messages.length > 0
            ? html`<h3>${msg('店主的留言')}</h3>
              <ul data-kind="owner-messages">
                ${this._messages.map(
                  (m) => html`<li class="owner-message" data-message=${String(m.id)}>
                    <span>${m.text}</span>
                    <button type="button" name="message-read" ?disabled=${this.readonly} @click=${() => void this._read(m)}>${msg('已读')}</button>
                  </li>`,
                )}
              </ul>`
            : nothing
        }
      </section>
      <section class="card" data-kind="next-actions">
        <h3>${msg('下一步要做的')}</h3>
        <ul>
          ${visit.nextActions.map(
            (f) => html`<li class=${f.done ? 'done' : ''} data-follow-up=${f.id}>
              <span>${f.text} · ${f.dueDay}</span>
              <button
                type="button"
                name="follow-up-done"
                aria-pressed=${f.done ? 'true' : 'false'}
                ?disabled=${this.readonly}
                @click=${() => void this._writer.write(() => setNextActionDone(visit.id, f.id, !f.done))}
              >
                ${f.done ? msg('已完成') : msg('未完成')}
              </button>
            </li>`,
          )}
        </ul>
        ${
          this.readonly
            ? nothing
            : html`<div class="row">
              <input name="follow-up-text" placeholder=${msg('要做什么')} .value=${this._actionText} @input=${(e: Event) => (this._actionText = (e.target as HTMLInputElement).value)} />
              <input name="follow-up-due" type="date" .value=${this._actionDue} @input=${(e: Event) => (this._actionDue = (e.target as HTMLInputElement).value)} />
              <button type="button" name="add-follow-up" @click=${this._add}>${msg('添加')}</button>
            </div>`
        }
        ${this._writer.message ? html`<p class="message" role="alert">${this._writer.message}</p>` : nothing}
      </section>`;
  }

  private _add = async () => {
    const visit = this.visit;
    if (!visit) return;
    if (!this._actionText.trim()) {
      this._writer.say(msg('请写下要做什么。'));
      return;
    }
    if (await this._writer.write(() => addNextAction(visit.id, this._actionText, this._actionDue))) this._actionText = '';
  };

  private async _read(message: OwnerMessage) {
    const visit = this.visit;
    const id = message.id;
    if (!visit || id === undefined) return;
    await this._writer.write(async () => {
      await markOwnerMessagesRead([id], visit.id);
      await this._loadMessages();
    }, 'owner message');
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-visit-notes': KioskVisitNotes;
  }
}
