/**
 * The owner's view of the customers' feedback (issue 11): satisfaction share,
 * NPS and complaints by category, for the whole period and week by week. Shown
 * inside the business report, which is owner-only; this element only draws the
 * FeedbackSummary it is given.
 */
import { LitElement, html, css, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { kioskBase, hostBlock } from '../styles.ts';
import { COMPLAINTS, type FeedbackSummary } from '../domain/feedback.ts';
import { complaintName } from '../wording/feedback-text.ts';
import { reportFigures, reportFiguresStyles } from './report-figures.ts';
import './kiosk-report-table.ts';

function share(ratio: number | undefined): string {
  return ratio === undefined ? '—' : `${Math.round(ratio * 100)}%`;
}

function nps(value: number | undefined): string {
  if (value === undefined) return '—';
  return value > 0 ? `+${value}` : String(value);
}

@customElement('kiosk-feedback-summary')
@localized()
export class KioskFeedbackSummary extends LitElement {
  @property({ attribute: false }) summary?: FeedbackSummary;

  static override styles = [
    kioskBase,
    hostBlock,
    reportFiguresStyles,
    css`
      .note {
        color: var(--kiosk-text-muted);
        font-size: 16px;
        margin: 4px 0 0;
      }
    `,
  ];

  override render() {
    const s = this.summary;
    if (!s) return nothing;
    const t = s.total;
    return html`${reportFigures([
      { figure: 'satisfaction', label: msg('满意度'), value: share(t.satisfaction), note: msg(str`${t.votes} 位顾客评价`) },
      {
        figure: 'nps',
        label: msg('推荐值 NPS'),
        value: nps(t.nps),
        note: msg(str`${t.answers} 人回答，推荐 ${t.promoters}，贬损 ${t.detractors}`),
      },
      { figure: 'contact', label: msg('请店主联系'), value: String(t.contactRequests), tone: t.contactRequests > 0 ? 'warn' : '' },
    ])}
      <kiosk-report-table
        data-table="feedback-weeks"
        caption=${msg('按周（从周一起）')}
        .columns=${[
          { label: msg('周') },
          { label: msg('评价'), numeric: true },
          { label: msg('满意度'), numeric: true },
          { label: 'NPS', numeric: true },
          ...COMPLAINTS.map((c) => ({ label: complaintName(c), numeric: true })),
          { label: msg('请联系'), numeric: true },
        ]}
        .rows=${s.weeks.map((w) => [
          w.week,
          String(w.votes),
          share(w.satisfaction),
          nps(w.nps),
          ...COMPLAINTS.map((c) => String(w.complaints[c])),
          String(w.contactRequests),
        ])}
        limit="8"
        empty=${msg('这段时间没有顾客评价。')}
      ></kiosk-report-table>
      <p class="note">
        ${msg(str`NPS = 推荐者(9–10分)% − 贬损者(0–6分)%。10 秒内的重复点击不算评价（${t.repeats} 次）。评价只存在本机。`)}
      </p>
      ${
        s.interest
          ? html`<kiosk-report-table
            data-table="display-interest"
            caption=${msg('展示区扫码关注（顾客在展示区扫码查看的商品）')}
            .columns=${[{ label: msg('商品') }, { label: msg('扫码次数'), numeric: true }]}
            .rows=${s.interest.map((row) => [row.name, String(row.scans)])}
            limit="10"
            empty=${msg('这段时间没有顾客在展示区扫码。')}
          ></kiosk-report-table>`
          : nothing
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-feedback-summary': KioskFeedbackSummary;
  }
}
