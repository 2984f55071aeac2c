/**
 * A rep hands in a USB stick: picks the bundle files on it (several at once),
 * each goes to POST /import — the same ingest as a terminal's push, the same
 * Idempotency-Key — one after the other, and each file's fate is shown:
 * accepted, already had, late (a newer bundle had already given some of its
 * days: those kept the newer figures), or refused and why.
 */
import { LitElement, html, css } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { getJson, problemText, readAnswer, sendWithCsrf, type Session } from './api.ts';
import type { IngestResult } from '../ingest.ts';
import { fleetStyles, touchFormStyles } from './styles.ts';
import { dataTable } from './parts.ts';
import { PageLoad } from './page-load.ts';
import './fleet-nav.ts';

type Outcome = 'accepted' | 'already' | 'late' | 'refused' | 'waiting';

interface FileResult {
  name: string;
  outcome: Outcome;
  detail: string;
}

const OUTCOME_TEXT: Record<Outcome, string> = {
  waiting: '等待 waiting',
  accepted: '已接收 accepted',
  already: '已有 already had',
  late: '迟到 late',
  refused: '拒收 refused',
};

/** What POST /import's answer means for the rep. */
export function outcomeOf(result: IngestResult): Omit<FileResult, 'name'> {
  if (result.duplicate) return { outcome: 'already', detail: `终端 ${result.terminalId} #${result.sequence} 之前已收到 — received before` };
  if (result.daysKept > 0)
    return {
      outcome: 'late',
      detail: `${result.daysKept} 天已有更新的数据，保留更新的；${result.daysTaken} 天采用本包 — ${result.daysKept} days had newer figures (kept), ${result.daysTaken} days taken`,
    };
  return {
    outcome: 'accepted',
    detail: `终端 ${result.terminalId} #${result.sequence}，${result.daysTaken} 天 — ${result.daysTaken} days`,
  };
}

@customElement('fleet-import')
export class FleetImport extends LitElement {
  private readonly data = new PageLoad(this, () => getJson<Session>('/session'));
  @state() private results: FileResult[] = [];
  @state() private busy = false;

  static override styles = [
    fleetStyles,
    touchFormStyles,
    css`
      .accepted {
        color: #15803d;
      }
      .late {
        color: #b45309;
      }
      .refused {
        color: #b91c1c;
        font-weight: 600;
      }
    `,
  ];

  override render() {
    return this.data.render((s) => this.renderImport(s));
  }

  private renderImport(s: Session) {
    const count = (o: Outcome) => this.results.filter((r) => r.outcome === o).length;
    return html`<fleet-nav .session=${s}></fleet-nav>
      <h1>U 盘导入 <small>USB import</small></h1>
      <form class="touch" @submit=${this.submit}>
        <label
          >数据包文件（*.fleet.json.gz，可多选） <small>Bundle files (*.fleet.json.gz, several at once)</small>
          <input name="files" type="file" multiple accept=".gz,.json" required
        /></label>
        <button type="submit" ?disabled=${this.busy}>导入 Import</button>
      </form>
      ${
        this.results.length
          ? html`<p class="summary" role="status">
              ${count('accepted')} 已接收 accepted · ${count('already')} 已有 already had · ${count('late')} 迟到 late ·
              ${count('refused')} 拒收 refused
            </p>
            ${dataTable(
              'results',
              ['文件 File', '结果 Result', '说明 Detail'],
              this.results,
              (r) =>
                html`<tr data-file=${r.name} data-outcome=${r.outcome}>
                  <td>${r.name}</td>
                  <td class=${r.outcome}>${OUTCOME_TEXT[r.outcome]}</td>
                  <td>${r.detail}</td>
                </tr>`,
            )}`
          : ''
      }`;
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const files = [...((event.target as HTMLFormElement).elements.namedItem('files') as HTMLInputElement).files!].sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    );
    this.busy = true;
    this.results = files.map((f) => ({ name: f.name, outcome: 'waiting', detail: '' }));
    // One after the other, in name order (the terminal's sequence): as the outbox and fleet:import send them.
    for (const [i, file] of files.entries()) {
      let result: Omit<FileResult, 'name'>;
      try {
        const res = await sendWithCsrf(`/import?name=${encodeURIComponent(file.name)}`, this.data.value!, file, 'application/octet-stream');
        result = outcomeOf(await readAnswer<IngestResult>(res));
      } catch (err) {
        result = { outcome: 'refused', detail: problemText(err) };
      }
      this.results = this.results.map((r, j) => (j === i ? { name: r.name, ...result } : r));
    }
    this.busy = false;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fleet-import': FleetImport;
  }
}
