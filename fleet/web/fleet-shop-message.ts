/**
 * A rep's message to one shop's owner, from the shop's page: POST /board with
 * kind `message` and the shop, with the session's CSRF token. The owner reads
 * it on the terminal's board after its next push (or from the rep's stick).
 * A manager may write too; the collector refuses a rep writing to another
 * rep's shop.
 */
import { LitElement, html, css } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { getJson, readAnswer, sendWithCsrf, type Session } from './api.ts';
import { fleetStyles, touchFormStyles } from './styles.ts';
import { FormRequest } from './form-request.ts';
import { errorLine } from './parts.ts';

/** The board shows a title; a message's first line serves, shortened to what fits a row. */
const TITLE_CHARS = 40;

@customElement('fleet-shop-message')
export class FleetShopMessage extends LitElement {
  @property() shopId = '';
  @state() private done = '';
  private session?: Session;
  private readonly request = new FormRequest(this);

  static override styles = [
    fleetStyles,
    touchFormStyles,
    css`
      textarea {
        width: 100%;
        min-height: 5em;
        box-sizing: border-box;
      }
    `,
  ];

  override render() {
    return html`<form @submit=${this.submit}>
      <label>给店主留言 Message to the owner <textarea name="text" maxlength="4000" required></textarea></label>
      <button type="submit" ?disabled=${this.request.busy}>发送 Send</button>
      ${errorLine(this.request.error)}
      ${this.done ? html`<div class="ok" role="status">${this.done}</div>` : ''}
    </form>`;
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const text = String(new FormData(form).get('text') ?? '').trim();
    this.done = '';
    if (!text) return this.request.fail('请写下留言 — write the message first');
    const firstLine = text.split('\n')[0]!.trim();
    const title = firstLine.length > TITLE_CHARS ? `${firstLine.slice(0, TITLE_CHARS)}…` : firstLine;
    await this.request.run(async () => {
      this.session ??= await getJson<Session>('/session');
      const item = { kind: 'message', title, body: text, shopId: this.shopId };
      const posted = await readAnswer<{ serial: number }>(await sendWithCsrf('/board', this.session, JSON.stringify(item)));
      this.done = `已发送 #${posted.serial}，终端下次推送时收到 — sent #${posted.serial}; the terminal gets it with its next push`;
      form.reset();
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fleet-shop-message': FleetShopMessage;
  }
}
