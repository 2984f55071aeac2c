/** The collector's login: a rep's or manager's name and password; back to the page asked for, or the overview. */
import { LitElement, html, css } from 'lit';
import { customElement } from 'lit/decorators.js';
import { readAnswer } from './api.ts';
import { FormRequest } from './form-request.ts';
import { fleetStyles } from './styles.ts';
import { errorLine } from './parts.ts';

/** Only a path of this collector: `next` comes from the address bar and must not send anyone elsewhere. */
function nextPage(): string {
  const next = new URLSearchParams(location.search).get('next') ?? '/';
  return next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

@customElement('fleet-login')
export class FleetLogin extends LitElement {
  private readonly request = new FormRequest(this);

  static override styles = [
    fleetStyles,
    css`
      form {
        display: grid;
        gap: 12px;
        max-width: 320px;
      }
      label {
        display: grid;
        gap: 4px;
      }
    `,
  ];

  override render() {
    return html`<h1>登录 <small>Sign in</small></h1>
      <form @submit=${this.submit}>
        <label>登录名 <small>Login</small><input name="login" autocomplete="username" required /></label>
        <label>密码 <small>Password</small><input name="password" type="password" autocomplete="current-password" required /></label>
        <button type="submit" ?disabled=${this.request.busy}>登录 Sign in</button>
        ${errorLine(this.request.error)}
      </form>`;
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    await this.request.run(async () => {
      const res = await fetch('/login', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ login: form.get('login'), password: form.get('password') }),
      });
      await readAnswer(res);
      location.assign(nextPage());
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fleet-login': FleetLogin;
  }
}
