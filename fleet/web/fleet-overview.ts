/**
 * The district overview: every shop of the district (a rep: their own) with
 * its visit, grade, audits and sales; filters by district, rep and business
 * format that go to the server as query parameters (the page's address is the
 * filter, so it can be bookmarked and the CSV link keeps it); the quarter's
 * grade distribution; the open rectification deadlines.
 */
import { LitElement, html, css } from 'lit';
import { customElement } from 'lit/decorators.js';
import { getJson, percent, readAnswer, yuan, type OverviewWithChoices, type Session } from './api.ts';
import { fleetStyles } from './styles.ts';
import { dataTable } from './parts.ts';
import { PageLoad } from './page-load.ts';
import './fleet-grade-chart.ts';
import './fleet-nav.ts';

/** The business format whose shops need no weekly visit (src/domain/fleet-bundle.ts's VISIT_EXEMPT_FORMAT). */
const VISIT_EXEMPT_FORMAT = '食杂店';
const TREND = { up: '↑ 升 up', down: '↓ 降 down', same: '→ 平 same' } as const;

@customElement('fleet-overview')
export class FleetOverview extends LitElement {
  private readonly data = new PageLoad(this, async () => {
    const [session, overview] = await Promise.all([
      getJson<Session>('/session'),
      getJson<OverviewWithChoices>(`/overview${location.search}`),
    ]);
    return { session, overview };
  });

  static override styles = [
    fleetStyles,
    css`
      header {
        display: flex;
        justify-content: space-between;
        align-items: baseline;
        gap: 16px;
        flex-wrap: wrap;
      }
      form.filters {
        display: flex;
        gap: 12px;
        flex-wrap: wrap;
        align-items: end;
        margin: 12px 0;
      }
      form.filters label {
        display: grid;
        gap: 2px;
        font-size: 0.85rem;
      }
      .summary {
        display: grid;
        grid-template-columns: minmax(280px, 1fr) minmax(280px, 1fr);
        gap: 24px;
      }
      .scroll {
        overflow-x: auto;
      }
    `,
  ];

  override render() {
    return this.data.render(({ session, overview }) => this.renderOverview(session, overview));
  }

  private renderOverview(s: Session, o: OverviewWithChoices) {
    const params = new URLSearchParams(location.search);
    const ungraded = o.gradeDistribution.counts['未评'] ?? 0;
    return html`<fleet-nav .session=${s}></fleet-nav>
      <header>
        <h1>片区概览 <small>District overview</small>: ${o.name ?? o.district}</h1>
        <span
          >${s.displayName} (${s.role === 'manager' ? '经理 manager' : '业务员 rep'})
          <button @click=${this.signOut}>退出 Sign out</button></span
        >
      </header>
      <form class="filters" method="get" action="/">
        <label
          >片区 District
          <select name="district">
            <option value=${s.district}>${o.name ?? s.district}</option>
          </select></label
        >
        <label
          >业务员 Rep
          <select name="rep">
            ${s.role === 'manager' ? html`<option value="">全部 All</option>` : ''}
            ${o.choices.reps.map((r) => html`<option value=${r} ?selected=${params.get('rep') === r}>${r}</option>`)}
          </select></label
        >
        <label
          >业态 Format
          <select name="format">
            <option value="">全部 All</option>
            ${o.choices.formats.map((f) => html`<option value=${f} ?selected=${params.get('format') === f}>${f}</option>`)}
          </select></label
        >
        <button type="submit">筛选 Filter</button>
        <a class="csv" href=${`/overview.csv${location.search}`} download>导出 CSV Export CSV</a>
      </form>
      <p class="muted">截至 as of ${o.asOf} · ${o.shops.length} 家店 shops · 销售为近 28 天 sales are the last 28 days</p>
      <div class="summary">
        <section>
          <h2>${o.gradeDistribution.quarter ?? ''} 等级分布 <small>Grade distribution</small></h2>
          <fleet-grade-chart .counts=${o.gradeDistribution.counts} height="200"></fleet-grade-chart>
          ${ungraded ? html`<p class="muted">未评 not graded: ${ungraded}</p>` : ''}
        </section>
        <section>
          <h2>待整改 <small>Open rectifications</small></h2>
          ${dataTable(
            'rectifications',
            ['店名 Shop', '期限 Deadline'],
            o.openRectifications,
            (r) =>
              html`<tr>
                <td><a href=${`/shop.html?terminal=${encodeURIComponent(r.terminalId)}`}>${r.name}</a></td>
                <td class=${r.overdue ? 'warn' : ''}>${r.deadline}${r.overdue ? ' 已逾期 overdue' : ''}</td>
              </tr>`,
            '没有 None',
          )}
        </section>
      </div>
      <h2>门店 <small>Shops</small></h2>
      <div class="scroll">
        ${dataTable(
          'shops',
          [
            '店名 Shop',
            '业态 Format',
            '业务员 Rep',
            '最近拜访 Last visit',
            '拜访 Visit',
            '等级 Grade',
            '趋势 Trend',
            '整改期限 Rectification',
            '库存误差 Stock error',
            '缺失价签 Tags missing',
            '近28天销售 Sales',
            '同比 vs last year',
            html`配额使用 Quota use <small>(近7天/周配额 7 days / weekly)</small>`,
          ],
          o.shops,
          (shop) =>
            html`<tr data-terminal=${shop.terminalId}>
                  <td><a href=${`/shop.html?terminal=${encodeURIComponent(shop.terminalId)}`}>${shop.name}</a></td>
                  <td>${shop.businessFormat}</td>
                  <td>${shop.rep ?? '—'}</td>
                  <td>${shop.lastVisit?.date ?? '—'}</td>
                  <td class=${shop.visitOverdue ? 'warn' : ''}>
                    ${shop.businessFormat === VISIT_EXEMPT_FORMAT ? '免 exempt' : shop.visitOverdue ? '逾期 overdue' : '按时 on time'}
                  </td>
                  <td>${shop.grade ? `${shop.grade.quarter} ${shop.grade.grade ?? ''} ${shop.grade.total ?? ''}` : '—'}</td>
                  <td>${shop.gradeTrend ? TREND[shop.gradeTrend] : '—'}</td>
                  <td>${shop.openRectificationDeadline ?? '—'}</td>
                  <td class="n ${shop.stockWithinTolerance === false ? 'warn' : ''}">${percent(shop.stockErrorBp)}</td>
                  <td class="n">${shop.priceTagsMissing ?? '—'}</td>
                  <td class="n">${yuan(shop.salesLast28Cents)}</td>
                  <td class="n">${percent(shop.salesVsLastYearBp, true)}</td>
                  <td class="quota">
                    ${
                      shop.quotaUse.length === 0
                        ? '—'
                        : shop.quotaUse.map(
                            (q) =>
                              html`<div class=${q.packsSold > q.packsPerWeek ? 'warn' : ''}>
                              ${q.productName} ${q.packsSold}/${q.packsPerWeek}
                            </div>`,
                          )
                    }
                  </td>
                </tr>`,
        )}
      </div>`;
  }

  private async signOut(): Promise<void> {
    const res = await fetch('/logout', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'x-csrf-token': this.data.value?.session.csrfToken ?? '' },
    });
    await readAnswer(res).catch(() => {});
    location.assign('/login');
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fleet-overview': FleetOverview;
  }
}
