import { expect, fixture, html } from '@open-wc/testing';
import { waitFor } from './wait-for.ts';
import { setViewport } from '@web/test-runner-commands';
import type { VisitEvaluationData } from '../../src/context.ts';
import type { StoredEvaluation } from '../../src/data/schema.ts';
import { summarizeFeedback } from '../../src/domain/feedback.ts';
import type { VisitReview } from '../../src/domain/visit-review.ts';
import type { KioskVisitReview } from '../../src/components/kiosk-visit-review.ts';
import type { KioskQuarterEvaluation } from '../../src/components/kiosk-quarter-evaluation.ts';
import type { KioskVisitChart } from '../../src/components/kiosk-visit-chart.ts';
import '../../src/components/kiosk-visit-review.ts';
import '../../src/components/kiosk-quarter-evaluation.ts';
import { setLocale } from '../../src/localization.ts';
import { deep, deepText } from './shadow-dom.ts';
import { inEnglish } from './shop-fixtures.ts';
import { poorQuarter, storedEvaluation } from '../helpers/quarter-figures.ts';

function review(since: string, totalCents: number): VisitReview {
  return {
    since,
    today: '2026-11-30',
    sales: { days: [since, '2026-11-30'], cents: [totalCents, 0], lastYearCents: [1000, 0], totalCents, lastYearTotalCents: 1000 },
    stocktakes: [{ day: '2026-11-01', errorBp: 1250, withinStandard: false }],
    orders: [{ id: 'o1', placedDay: '2026-11-24', lines: 4, followed: 3, stockoutDays: 2 }],
    slowMovers: [{ code: 'B', name: '玉溪(软)', stock: 10, valueCents: 20_000, daysSinceSale: 60 }],
    slowMoverCount: 1,
    slowValueCents: 20_000,
    newProducts: [],
    feedback: summarizeFeedback([{ kind: 'complaint', value: 'price', day: '2026-11-25', hour: 10 }]).total,
  };
}

// A failing 2026-Q3 with half its lines scanned and no stocktake: what the deductions asserted below rest on.
const figures = { ...poorQuarter({ year: 2026, q: 3 }), scannedLines: { part: 100, total: 200 }, latestStocktakeErrorBp: null };

function stored(): StoredEvaluation {
  return storedEvaluation(figures, '2026-10-05');
}

function fakeData(overrides: Partial<VisitEvaluationData> = {}): VisitEvaluationData & { graded: number; rectified: string[] } {
  const records: StoredEvaluation[] = [];
  const fake = {
    graded: 0,
    rectified: [] as string[],
    loadVisitReview: async (since: string) => review(since, 5000),
    getEvaluations: async () => structuredClone(records),
    gradeQuarter: async () => {
      fake.graded += 1;
      records.splice(0, records.length, stored());
      return stored();
    },
    terminalIdentity: async () => ({
      terminalId: 'Tabc123456789',
      publicKey: 'A'.repeat(43) + '=',
      fingerprint: '0123 4567 89ab cdef 0123 4567 89ab cdef',
    }),
    markRectified: async (_q: string, criterion: string, day: string) => {
      fake.rectified.push(criterion);
      const item = records[0]?.followUp.items.find((i) => i.criterion === criterion);
      if (item) item.doneOn = day;
      return records[0];
    },
    ...overrides,
  };
  return fake;
}

describe('<kiosk-visit-review>', () => {
  before(async () => {
    await setLocale('zh-Hans');
    await setViewport({ width: 800, height: 480 });
  });

  it("shows the review's figures, the stocktake against 10%, slow movers, messages and overdue follow-ups", async () => {
    const el = await fixture<KioskVisitReview>(
      html`<kiosk-visit-review
        .data=${fakeData()}
        since="2026-11-23"
        today="2026-11-30"
        .ownerMessages=${[{ day: '2026-11-25', text: '中华(硬)常断货' }]}
        .followUps=${[
          { text: '补齐价签', due: '2026-11-28', done: false },
          { text: '已经做完的', due: '2026-11-28', done: true },
        ]}
      ></kiosk-visit-review>`,
    );
    await el.loaded();
    const text = deepText(el);
    // Sales, the stocktake against 10%, advice followed, a slow mover, the owner's message, the open follow-up, the feedback.
    for (const shown of ['¥50.00', '12.5%', '超出 10% 标准', '3/4', '玉溪(软)', '中华(硬)常断货', '补齐价签', '价格']) {
      expect(text).to.contain(shown);
    }
    expect(text).not.to.contain('已经做完的');
    const charts = el.shadowRoot!.querySelectorAll<KioskVisitChart>('kiosk-visit-chart');
    expect(charts.length).to.equal(2);
    await waitFor(() => charts[0]!.plot !== undefined, 'the sales chart is drawn');
    expect(charts[0]!.plot!.data.length).to.equal(3);
    // Fits the 800-px screen: nothing wider than the element.
    expect(el.scrollWidth).to.be.at.most(el.clientWidth + 1);
  });

  it('shows only the newest load when `since` changes while one is under way', async () => {
    let releaseFirst!: () => void;
    const data = fakeData({
      loadVisitReview: async (since: string) => {
        if (since === '2026-11-01') await new Promise<void>((r) => (releaseFirst = r));
        return review(since, since === '2026-11-01' ? 111_100 : 222_200);
      },
    });
    const el = await fixture<KioskVisitReview>(
      html`<kiosk-visit-review .data=${data} since="2026-11-01" today="2026-11-30"></kiosk-visit-review>`,
    );
    await waitFor(() => releaseFirst !== undefined);
    el.since = '2026-11-20';
    await el.loaded();
    releaseFirst();
    await new Promise((r) => setTimeout(r, 50));
    await el.updateComplete;
    const text = deepText(el);
    expect(text).to.contain('¥2,222.00');
    expect(text).not.to.contain('¥1,111.00');
  });
});

describe('<kiosk-quarter-evaluation>', () => {
  it('grades the quarter, shows each function with its deductions in words, the grade, the rectification notice and a QR code', async () => {
    const data = fakeData();
    const el = await fixture<KioskQuarterEvaluation>(
      html`<kiosk-quarter-evaluation .data=${data} quarter="2026-Q3" today="2026-10-05" terminalId="T-1"></kiosk-quarter-evaluation>`,
    );
    await el.loaded();
    expect(deepText(el)).to.contain('本季度还没有评定');
    deep<HTMLButtonElement>(el, '[data-action="grade"]').click();
    await waitFor(() => el.shadowRoot!.querySelector('[data-total]') !== null, 'graded');
    expect(data.graded).to.equal(1);
    const text = deepText(el);
    for (const shown of [
      '不合格',
      '信息采集',
      '扫码录入占比（销售和入库）：50%，目标至少 95%，扣 40 分',
      '最近一次盘点误差率（≤10%）：没有数据',
      '整改通知：请在 2026-11-04 前完成',
      '签名公钥指纹：0123 4567 89ab cdef 0123 4567 89ab cdef',
    ]) {
      expect(text).to.contain(shown);
    }
    const svg = el.shadowRoot!.querySelector('kiosk-visit-qr')!.shadowRoot!.querySelector('svg')!;
    expect(Number(svg.dataset['modules'])).to.be.greaterThan(20);
    const first = el.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="rectified"]')!;
    first.click();
    await waitFor(() => data.rectified.length === 1 && deepText(el).includes('已整改（2026-10-05）'), 'ticked off');
  });

  it('says the grade in English with the words of each deduction', async () => {
    await inEnglish(async () => {
      const data = fakeData();
      await data.gradeQuarter({ year: 2026, q: 3 }, []);
      const el = await fixture<KioskQuarterEvaluation>(
        html`<kiosk-quarter-evaluation .data=${data} quarter="2026-Q3" today="2026-10-05"></kiosk-quarter-evaluation>`,
      );
      await el.loaded();
      const text = deepText(el);
      expect(text).to.contain('Scan capture');
      expect(text).to.contain('Fail');
    });
  });
});
