/**
 * One-tap customer feedback (issue 11), for the customer display's idle screen:
 * four big faces; after a sad face the complaint categories and "请店主联系我";
 * at most once every N votes the recommendation question (0–10); then a
 * thank-you. Taps inside the customer window after a vote are stored as
 * repeats, never as votes (FeedbackGate in src/domain/feedback.ts), timed by a
 * monotonic clock.
 *
 * It takes its data as a property (FeedbackData in src/context.ts) and never
 * imports src/data, so the display page or a test decides where votes go.
 * Every stored record is also announced with kiosk-feedback-vote (the display
 * can restart its idle loop on it). The step shown is in the host's data-step,
 * so the page around can make room for a question.
 *
 * @cssprop --kiosk-feedback-face-size - a face button's width and height (120px)
 * @cssprop --kiosk-feedback-mark-size - the face's size (56px)
 * @cssprop --kiosk-feedback-choice-size - the height of a complaint, score or done button (96px)
 * @cssprop --kiosk-feedback-title-size - the question's size (--kiosk-font-title)
 * @cssprop --kiosk-feedback-gap - the space under the question and above done (12px, 16px)
 */
import { LitElement, html, css, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { localized, msg } from '@lit/localize';
import { kioskBase, hostBlock } from '../styles.ts';
import type { FeedbackData } from '../context.ts';
import {
  COMPLAINTS,
  DEFAULT_FEEDBACK_RULES,
  FACES,
  FeedbackGate,
  isSad,
  type Complaint,
  type Face,
  type FeedbackRules,
  type FeedbackVote,
} from '../domain/feedback.ts';
import { complaintName, faceName } from '../wording/feedback-text.ts';
import { kioskEvent } from './kiosk-event.ts';

export class KioskFeedbackVoteEvent extends kioskEvent<FeedbackVote>()('kiosk-feedback-vote') {}

export type FeedbackStep = 'faces' | 'complaint' | 'nps' | 'thanks';

/** Faces from the first emoji block (U+1F600–), which the terminal's DejaVu font draws without an emoji font. */
const FACE_MARK: Record<Face, string> = {
  'very-satisfied': '😄',
  satisfied: '😊',
  dissatisfied: '😟',
  'very-dissatisfied': '😠',
};

@customElement('kiosk-feedback-faces')
@localized()
export class KioskFeedbackFaces extends LitElement {
  /** Where the taps are stored (required). */
  @property({ attribute: false }) data?: FeedbackData;
  /** The customer window and how often the NPS question comes; read when the element connects. */
  @property({ attribute: false }) rules: FeedbackRules = DEFAULT_FEEDBACK_RULES;
  /** Monotonic milliseconds (tests pass a fake). Never the wall clock: that one may be set back. */
  @property({ attribute: false }) clock: () => number = () => performance.now();
  /** Wall-clock milliseconds for the record's day and hour (tests pass a fixed one). */
  @property({ attribute: false }) wallClock: () => number = () => Date.now();
  /** How long the thank-you shows before the faces come back. */
  @property({ type: Number, attribute: 'thanks-ms' }) thanksMs = 4000;
  /** A complaint or NPS question left unanswered this long goes to the thank-you. */
  @property({ type: Number, attribute: 'idle-ms' }) idleMs = 20_000;

  @state() private _step: FeedbackStep = 'faces';
  @state() private _chosen = new Set<Complaint>();
  @state() private _contact = false;

  private _gate = new FeedbackGate(this.rules);
  private _npsDue = false;
  private _timer: ReturnType<typeof setTimeout> | undefined;
  private _writes: Promise<void> = Promise.resolve();

  static override styles = [
    kioskBase,
    hostBlock,
    css`
      :host {
        /* The questions' colour: a dark display sets it light (the buttons keep their own). */
        color: var(--kiosk-feedback-color, var(--kiosk-text));
        text-align: center;
        user-select: none;
        -webkit-user-select: none;
        touch-action: manipulation;
      }
      h3 {
        margin: 0 0 var(--kiosk-feedback-gap, 12px);
        font-size: var(--kiosk-feedback-title-size, var(--kiosk-font-title));
      }
      .row {
        display: flex;
        flex-wrap: wrap;
        justify-content: center;
        gap: 12px;
      }
      button {
        font: inherit;
        cursor: pointer;
        border: 2px solid var(--kiosk-border);
        border-radius: var(--kiosk-radius);
        background: var(--kiosk-surface);
        color: var(--kiosk-text);
      }
      button.face {
        min-width: var(--kiosk-feedback-face-size, 120px);
        min-height: var(--kiosk-feedback-face-size, 120px);
        display: flex;
        flex-direction: column;
        align-items: center;
        justify-content: center;
        gap: 4px;
        font-size: 22px;
      }
      .mark {
        font-size: var(--kiosk-feedback-mark-size, 56px);
        line-height: 1;
      }
      button.choice,
      button.score {
        min-width: var(--kiosk-feedback-choice-size, 96px);
        min-height: var(--kiosk-feedback-choice-size, 96px);
        font-size: 24px;
        padding: 4px 12px;
      }
      button.score {
        font-size: 32px;
        font-family: var(--kiosk-font-numeric);
      }
      button[aria-pressed='true'] {
        background: var(--kiosk-accent-soft);
        border-color: var(--kiosk-accent);
      }
      button.done {
        min-height: var(--kiosk-feedback-choice-size, 96px);
        min-width: 200px;
        margin-top: var(--kiosk-feedback-gap, 16px);
        font-size: 24px;
        background: var(--kiosk-accent);
        color: var(--kiosk-on-accent);
        border-color: var(--kiosk-accent);
      }
      .scale {
        display: flex;
        justify-content: space-between;
        max-width: 720px;
        margin: 8px auto 0;
        color: var(--kiosk-text-muted);
        font-size: 18px;
      }
      .thanks {
        min-height: 120px;
        display: flex;
        align-items: center;
        justify-content: center;
        font-size: 40px;
        color: var(--kiosk-ok);
      }
    `,
  ];

  override connectedCallback(): void {
    super.connectedCallback();
    this._gate = new FeedbackGate(this.rules);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._clearTimer();
  }

  /** Which screen shows now. */
  get step(): FeedbackStep {
    return this._step;
  }

  protected override willUpdate(): void {
    this.dataset.step = this._step;
  }

  /** Resolves when every record tapped so far is stored (tests). */
  settled(): Promise<void> {
    return this._writes.then(() => this.updateComplete).then(() => undefined);
  }

  private _store(vote: FeedbackVote): void {
    if (!this.data) throw new Error('<kiosk-feedback-faces> needs .data (where feedback is stored)');
    const data = this.data;
    const at = this.wallClock();
    this._writes = this._writes
      .then(() => data.putFeedbackVote(vote, at))
      .catch((error: unknown) => {
        // A lost vote must not stop the screen: the customer sees the thank-you anyway.
        console.error('feedback: storing a vote failed', error);
      });
    this.dispatchEvent(new KioskFeedbackVoteEvent(vote));
  }

  private _clearTimer(): void {
    if (this._timer !== undefined) clearTimeout(this._timer);
    this._timer = undefined;
  }

  private _go(step: FeedbackStep): void {
    this._clearTimer();
    this._step = step;
    if (step === 'thanks') this._timer = setTimeout(() => this._go('faces'), this.thanksMs);
    else if (step !== 'faces') this._timer = setTimeout(() => this._finish(), this.idleMs);
  }

  /** A tap on a face: a vote, or a repeat of the customer who just voted. */
  private _onFace(face: Face): void {
    const verdict = this._gate.tap(this.clock());
    if (!verdict.vote) {
      this._store({ kind: 'repeat' });
      this._go('thanks');
      return;
    }
    this._store({ kind: 'face', value: face });
    this._npsDue = verdict.askNps;
    if (isSad(face)) {
      this._chosen = new Set();
      this._contact = false;
      this._go('complaint');
    } else {
      this._afterFace();
    }
  }

  private _afterFace(): void {
    if (this._npsDue) {
      this._npsDue = false;
      this._gate.npsAsked();
      this._go('nps');
    } else {
      this._go('thanks');
    }
  }

  /** The complaint chooser is done (or left): the NPS question when due, else thanks. */
  private _finish(): void {
    if (this._step === 'complaint') this._afterFace();
    else this._go('thanks');
  }

  private _onComplaint(complaint: Complaint): void {
    if (this._chosen.has(complaint)) return;
    this._chosen = new Set([...this._chosen, complaint]);
    this._store({ kind: 'complaint', value: complaint });
    this._go('complaint');
  }

  private _onContact(): void {
    if (this._contact) return;
    this._contact = true;
    this._store({ kind: 'contact' });
    this._go('complaint');
  }

  private _onScore(score: number): void {
    this._store({ kind: 'nps', value: score });
    this._go('thanks');
  }

  /** A tap on the thank-you inside the window is a repeat too; after it the faces come back. */
  private _onThanksTap = () => {
    if (this._gate.isRepeat(this.clock())) this._store({ kind: 'repeat' });
    else this._go('faces');
  };

  override render() {
    switch (this._step) {
      case 'faces':
        return html`<h3>${msg('您对本次服务满意吗？')}</h3>
          <div class="row" role="group">
            ${FACES.map(
              (face) =>
                html`<button type="button" class="face" data-face=${face} @click=${() => this._onFace(face)}>
                  <span class="mark" aria-hidden="true">${FACE_MARK[face]}</span><span>${faceName(face)}</span>
                </button>`,
            )}
          </div>`;
      case 'complaint':
        return html`<h3>${msg('哪里让您不满意？')}</h3>
          <div class="row" role="group">
            ${COMPLAINTS.map(
              (c) =>
                html`<button
                  type="button"
                  class="choice"
                  data-complaint=${c}
                  aria-pressed=${this._chosen.has(c) ? 'true' : 'false'}
                  @click=${() => this._onComplaint(c)}
                >
                  ${complaintName(c)}
                </button>`,
            )}
            <button
              type="button"
              class="choice"
              data-contact
              aria-pressed=${this._contact ? 'true' : 'false'}
              @click=${() => this._onContact()}
            >
              ${msg('请店主联系我')}
            </button>
          </div>
          ${this._contact ? html`<p>${msg('店主会看到您的请求，也欢迎您直接到柜台找店主。我们不记录您的姓名或电话。')}</p>` : nothing}
          <button type="button" class="done" data-action="done" @click=${() => this._finish()}>${msg('完成')}</button>`;
      case 'nps':
        return html`<h3>${msg('您会向朋友推荐本店吗？')}</h3>
          <div class="row" role="group">
            ${Array.from(
              { length: 11 },
              (_, score) =>
                html`<button type="button" class="score" data-score=${score} @click=${() => this._onScore(score)}>${score}</button>`,
            )}
          </div>
          <div class="scale"><span>${msg('0 = 不会')}</span><span>${msg('10 = 一定会')}</span></div>
          <button type="button" class="done" data-action="skip" @click=${() => this._go('thanks')}>${msg('跳过')}</button>`;
      case 'thanks':
        return html`<div class="thanks" role="status" data-state="thanks" @click=${this._onThanksTap}>${msg('谢谢您的评价！')}</div>`;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-feedback-faces': KioskFeedbackFaces;
  }
  interface HTMLElementEventMap {
    'kiosk-feedback-vote': KioskFeedbackVoteEvent;
  }
}
