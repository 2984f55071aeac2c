import { expect, fixture, html } from '@open-wc/testing';
import { waitFor } from './wait-for.ts';
import { forgetSessionForTests } from '../../src/data/roles.ts';
import type { KioskReportFigure } from '../../src/components/kiosk-report-figure.ts';
import type { KioskReportTable } from '../../src/components/kiosk-report-table.ts';
import type { KioskReportScreen } from '../../src/screens/kiosk-report-screen.ts';
import type { KioskReportDayChart } from '../../src/components/kiosk-report-day-chart.ts';
import '../../src/screens/kiosk-report-screen.ts';
import { deep, deepText, maybeDeep } from './shadow-dom.ts';
import { freshShopWithOwner, openOwnerSession } from './shop-fixtures.ts';
import { B, NOW, seedReportLedger } from './report-ledger.ts';
import { reportData } from '../../src/data/report-data.ts';
import { DEFAULT_PRICE_BANDS } from '../../src/domain/report/bands.ts';

/** The report screen at NOW on the seeded report ledger, once its first report has loaded. */
async function seededReportScreen(): Promise<KioskReportScreen> {
  await seedReportLedger();
  const el = await fixture<KioskReportScreen>(html`<kiosk-report-screen .now=${NOW}></kiosk-report-screen>`);
  await el.settled();
  return el;
}

function figure(el: Element, name: string): string {
  return deep<KioskReportFigure>(el, `kiosk-report-figure[data-figure=${name}]`).value;
}

describe('kiosk-report-screen', () => {
  // The report is the owner's (issue 10): the tests that show it sign the owner in.
  freshShopWithOwner();

  it("shows today's figures of a seeded ledger, read from IndexedDB", async () => {
    const el = await seededReportScreen();
    // ¥90 + ¥9 + ¥48 − ¥9 reversed; two sales left; ¥13,500 costed − ¥12,000 cost
    expect(figure(el, 'sales')).to.equal('¥138.00');
    expect(figure(el, 'count')).to.equal('2');
    expect(figure(el, 'average')).to.equal('¥69.00');
    expect(figure(el, 'packs')).to.equal('4');
    expect(figure(el, 'profit')).to.equal('¥15.00');
    expect(figure(el, 'coverage')).to.equal('97.8%');
    expect(figure(el, 'movement')).to.equal('66.7%');
    expect(figure(el, 'stock-cost')).to.equal('¥730.00');
    expect(figure(el, 'wait')).to.equal('60 / 120 秒');
    expect(deep<KioskReportTable>(el, 'kiosk-report-table[data-table=uncosted]').rows).to.deep.equal([['可乐', '¥3.00', '1']]);
    expect(deep<KioskReportTable>(el, 'kiosk-report-table[data-table=not-moved]').rows).to.deep.equal([['薯片', '10', '¥50.00']]);
    // The charts are drawn by uPlot from the same figures.
    const chart = deep<KioskReportDayChart>(el, 'kiosk-report-day-chart');
    await waitFor(() => chart.plot !== undefined, 'day chart not drawn');
    expect(chart.plot!.data[1]).to.deep.equal([138]);
  });

  it('changes period on a tap and compares with the period before', async () => {
    const el = await seededReportScreen();
    deep<HTMLButtonElement>(el, 'kiosk-report-period', 'button[data-preset=last-month]').click();
    await waitFor(() => el.report?.range.from === '2026-02-01', 'last month not loaded');
    await el.settled();
    expect(el.report?.range).to.deep.equal({ from: '2026-02-01', to: '2026-02-28' });
    expect(figure(el, 'sales')).to.equal('¥0.00');
    deep<HTMLButtonElement>(el, 'kiosk-report-period', 'button[data-preset=this-week]').click();
    await waitFor(() => el.report?.range.from === '2026-03-02', 'this week not loaded');
    await el.settled();
    expect(figure(el, 'sales')).to.equal('¥138.00');
  });

  it('exports the figures as CSV', async () => {
    const el = await seededReportScreen();
    const csv = el.csv()!;
    expect(csv.startsWith('\ufeff区块,项目,金额(元),数量,比例,说明\r\n')).to.equal(true);
    const lines = csv.split('\r\n');
    expect(lines).to.include('销售,销售额,138.00,,,');
    expect(lines).to.include('销售,笔数,,2,,');
    expect(lines).to.include('毛利,毛利,15.00,,0.1111,毛利率');
    expect(lines).to.include(`缺进价,可乐,3.00,1,,\t${B}`);
    expect(lines).to.include('动销,动销率,,2/3,0.6667,');
    expect(lines).to.include('按价位,¥300–500/条,135.00,3,0.1111,毛利 15.00');
    expect(lines).to.include('按小时,10:00,99.00,5,,2 笔');
  });

  it('refuses when canDo("view-report") is false, and loads nothing', async () => {
    await seedReportLedger();
    // Nobody signed in: the report is the owner's.
    forgetSessionForTests();
    const el = await fixture<KioskReportScreen>(html`<kiosk-report-screen .now=${NOW}></kiosk-report-screen>`);
    await el.settled();
    expect(maybeDeep(el, '[data-state=refused]')).to.not.equal(null);
    expect(maybeDeep(el, 'kiosk-report-figure')).to.equal(null);
    expect(el.report).to.equal(undefined);
    expect(el.csv()).to.equal(undefined);
    expect(deepText(el)).to.include('经营报表只有店主能看');
    // Once the owner may (the PIN prompt's job), the same screen shows the report.
    await openOwnerSession();
    deep<HTMLButtonElement>(el, '[data-state=refused] button').click();
    await waitFor(() => el.report !== undefined, 'report not loaded after allowing');
    await el.settled();
    expect(figure(el, 'sales')).to.equal('¥138.00');
  });

  it('lets the owner set the price bands: a wrong list is refused, a good one is saved and used', async () => {
    const el = await seededReportScreen();
    const bandRows = () => deep<KioskReportTable>(el, 'kiosk-report-table[data-table=by-band]').rows.map((r) => r[0]);
    const before = bandRows();
    deep<HTMLButtonElement>(el, 'button[name=edit-bands]').click();
    await waitFor(() => maybeDeep(el, 'input[name=carton-bands]') !== null, 'no band editor');
    const carton = deep<HTMLInputElement>(el, 'input[name=carton-bands]');
    const pack = deep<HTMLInputElement>(el, 'input[name=pack-bands]');
    expect(carton.value).to.equal('100, 200, 300, 500');
    pack.value = '30, 10';
    pack.dispatchEvent(new Event('input'));
    await el.updateComplete;
    deep<HTMLButtonElement>(el, 'button[name=save-bands]').click();
    await waitFor(() => maybeDeep(el, '[data-form=bands] [role=alert]') !== null, 'a wrong list was not refused');
    expect(await reportData.getPriceBands()).to.deep.equal(DEFAULT_PRICE_BANDS);

    pack.value = '3';
    pack.dispatchEvent(new Event('input'));
    await el.updateComplete;
    deep<HTMLButtonElement>(el, 'button[name=save-bands]').click();
    await waitFor(() => maybeDeep(el, '[data-form=bands]') === null, 'the editor did not close after saving');
    await el.settled();
    expect((await reportData.getPriceBands()).packLimitsCents).to.deep.equal([300]);
    const after = bandRows();
    expect(after).to.not.deep.equal(before);
    expect(after.filter((name) => name?.endsWith('/包')).every((name) => name === '<¥3/包' || name === '≥¥3/包')).to.equal(true);
  });
});
