/**
 * A rep at the shop enrols its terminal: types the key fingerprint the
 * terminal shows (its visit's 季度评价 tab) and names the shop; the collector
 * finds the key the terminal's refused first push brought and enrols it in
 * the rep's district (POST /terminals/by-fingerprint, fleet/enrolment.ts).
 */
import { LitElement, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { getJson, readAnswer, sendWithCsrf, type OverviewWithChoices, type Session } from './api.ts';
import type { EnrolledByFingerprint } from '../enrolment.ts';
import { fleetStyles, touchFormStyles } from './styles.ts';
import { FormRequest } from './form-request.ts';
import './fleet-nav.ts';
import { errorLine } from './parts.ts';
import { PageLoad } from './page-load.ts';

@customElement('fleet-enrol')
export class FleetEnrol extends LitElement {
  private readonly data = new PageLoad(this, async () => {
    const [session, overview] = await Promise.all([getJson<Session>('/session'), getJson<OverviewWithChoices>('/overview')]);
    return { session, formats: overview.choices.formats };
  });
  @state() private enrolled?: EnrolledByFingerprint;
  private readonly request = new FormRequest(this);

  static override styles = [fleetStyles, touchFormStyles];

  override render() {
    return this.data.render(({ session, formats }) => this.renderForm(session, formats));
  }

  private renderForm(s: Session, formats: string[]) {
    const e = this.enrolled;
    return html`<fleet-nav .session=${s}></fleet-nav>
      <h1>登记终端 <small>Enrol a terminal</small></h1>
      <p class="muted">
        登记到片区 ${s.district}${s.role === 'rep' ? `，业务员 ${s.login}` : ''} — enrolled in district
        ${s.district}${s.role === 'rep' ? `, rep ${s.login}` : ''}. 终端须先推送过一次（或已从 U 盘导入）。 The terminal must have
        pushed once (or its stick been imported).
      </p>
      <form class="touch" @submit=${this.submit}>
        <label
          >密钥指纹（终端屏幕上显示的 8 组） <small>Key fingerprint, as the terminal shows it (8 groups)</small>
          <input name="fingerprint" required autocomplete="off" spellcheck="false" placeholder="xxxx xxxx xxxx xxxx xxxx xxxx xxxx xxxx"
        /></label>
        <label>店号 <small>Shop ID</small><input name="shopId" required maxlength="64" autocomplete="off" /></label>
        <label>店名 <small>Shop name</small><input name="shopName" required maxlength="100" /></label>
        <label
          >业态（不选则用终端报的） <small>Business format (default: what the terminal says)</small>
          <select name="businessFormat">
            <option value="">— 终端所报 as the terminal says</option>
            ${formats.map((f) => html`<option value=${f}>${f}</option>`)}
          </select></label
        >
        <button type="submit" ?disabled=${this.request.busy}>登记 Enrol</button>
        ${errorLine(this.request.error)}
        ${
          e
            ? html`<div class="ok" role="status">
              已登记终端 ${e.terminalId} 到片区 ${e.district}（店号 ${e.shopId}，指纹 ${e.fingerprint}）；终端下次推送即获知片区 — terminal
              ${e.terminalId} enrolled in ${e.district} (shop ${e.shopId}); it learns its district with its next push
            </div>`
            : ''
        }
      </form>`;
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    this.enrolled = undefined;
    await this.request.run(async () => {
      const body = {
        fingerprint: String(form.get('fingerprint') ?? ''),
        shopId: String(form.get('shopId') ?? ''),
        shopName: String(form.get('shopName') ?? ''),
        ...(form.get('businessFormat') ? { businessFormat: String(form.get('businessFormat')) } : {}),
      };
      this.enrolled = await readAnswer<EnrolledByFingerprint>(
        await sendWithCsrf('/terminals/by-fingerprint', this.data.value!.session, JSON.stringify(body)),
      );
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fleet-enrol': FleetEnrol;
  }
}
