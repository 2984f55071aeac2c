/**
 * One shop's page: its weekly sales against last year, its quarterly grades, its visits with their audits, the owner's
 * messages and board receipts, its bundles; a message to its owner, and the terminal's board as files for the rep's stick.
 */
import { LitElement, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { getJson, percent, type ShopPage } from './api.ts';
import { fleetStyles } from './styles.ts';
import { dataTable } from './parts.ts';
import { PageLoad } from './page-load.ts';
import './fleet-sales-chart.ts';
import './fleet-shop-message.ts';

@customElement('fleet-shop')
export class FleetShop extends LitElement {
  private readonly data = new PageLoad(this, () => {
    const terminal = new URLSearchParams(location.search).get('terminal') ?? '';
    return getJson<ShopPage>(`/shop?terminal=${encodeURIComponent(terminal)}`);
  });

  static override styles = [fleetStyles];

  /** The way back to the overview stands above the page, its loading line and its error alike. */
  override render() {
    return html`<p><a href="/">← 片区概览 District overview</a></p>
      ${this.data.render((p) => this.renderShop(p))}`;
  }

  private renderShop(p: ShopPage) {
    return html`<h1>${p.shop.name} <small>${p.shop.businessFormat} · 业务员 rep ${p.shop.rep ?? '—'} · 终端 terminal ${p.terminalId}</small></h1>
      <h2>留言与看板 <small>Message and board</small></h2>
      <fleet-shop-message .shopId=${p.shop.shopId}></fleet-shop-message>
      <p>
        <a class="stick" href="/board/stick?terminal=${encodeURIComponent(p.terminalId)}" download
          >下载看板文件（解压到U盘） Download the board files for the stick (unpack onto it)</a
        >
      </p>
      <h2>每周销售与去年同期 <small>Weekly sales against last year</small></h2>
      <fleet-sales-chart .weeks=${p.weeks}></fleet-sales-chart>
      <h2>季度等级 <small>Quarterly grades</small></h2>
      ${dataTable(
        'grades',
        ['季度 Quarter', '评定日 Graded on', '等级 Grade', '总分 Total', '整改期限 Rectification'],
        p.grades,
        (g) =>
          html`<tr>
            <td>${g.quarter}</td>
            <td>${g.evaluatedOn}</td>
            <td>${g.grade ?? '—'}</td>
            <td class="n">${g.total ?? '—'}</td>
            <td>${g.rectificationDeadline ?? '—'}</td>
          </tr>`,
        '还没有评级 Not graded yet',
      )}
      <h2>拜访与核查 <small>Visits and audits</small></h2>
      ${dataTable(
        'visits',
        ['日期 Date', '业务员 Rep', '等级 Grade', '库存误差 Stock error', '缺失价签 Price tags missing', '备注 Notes'],
        p.visits,
        (v) =>
          html`<tr>
            <td>${v.date}</td>
            <td>${v.rep}</td>
            <td>${v.grade ?? '—'}</td>
            <td class="n">${percent(v.stockErrorBp)}</td>
            <td class="n">${v.priceTagsMissing ?? '—'}</td>
            <td>${v.notes}</td>
          </tr>`,
        '还没有拜访 No visits yet',
      )}
      <h2>店主留言 <small>The owner's messages</small></h2>
      ${
        p.ownerMessages.length === 0
          ? html`<p class="muted">没有 None</p>`
          : html`<ul class="owner-messages">
              ${p.ownerMessages.map(
                (m) => html`<li><span class="muted">${m.writtenAt.slice(0, 16).replace('T', ' ')}</span> ${m.text}</li>`,
              )}
            </ul>`
      }
      <h2>公告回执 <small>Board receipts</small></h2>
      ${dataTable(
        'board-receipts',
        ['公告 Item', '回执 Receipt'],
        p.board,
        (b) => html`<tr><td>${b.title}</td><td>${receipt(b)}</td></tr>`,
        '没有 None',
      )}
      <h2>数据包 <small>Bundles received</small></h2>
      ${dataTable(
        'bundles',
        ['序号 No.', '期间 Period', '收到 Received', '采用天数 Days taken'],
        p.bundles,
        (b) =>
          html`<tr>
            <td class="n">${b.sequence}</td>
            <td>${b.periodStart} – ${b.periodEnd}</td>
            <td>${b.receivedAt.slice(0, 16).replace('T', ' ')}</td>
            <td class="n">${b.daysTaken}</td>
          </tr>`,
        '没有 None',
      )}`;
  }
}

/** What the owner has done with a board item, the furthest step named. */
function receipt(b: ShopPage['board'][number]): string {
  const steps: string[] = [];
  if (b.seenOn !== null) steps.push(`已读 read ${b.seenOn}`);
  if (b.accepted) steps.push('已加入展示 on the display');
  if (b.quotasApplied) steps.push('已应用配额 quotas applied');
  return steps.length === 0 ? '未读 not read' : steps.join(' · ');
}

declare global {
  interface HTMLElementTagNameMap {
    'fleet-shop': FleetShop;
  }
}
