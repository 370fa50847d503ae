// End-to-end tests of the Review page (#/review) in Chromium, desktop and tablet: every sub-view
// on the demo workspace at first open, filters in the URL, drill-down, CSV/XLSX/PNG exports and
// "show numbers". On desktop also the 1M-row timing (about 40 s; E2E_BIG=0 skips it): a generated
// ledger imported through the wizard, then the time from changing the period or the dimension to
// the new table painted, printed (the target is under 200 ms).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BROWSERS, VIEWPORTS, DIST, startServer, startDriver, withSession, splitRepaint } from './harness.mjs';

const TEST_TIMEOUT = 300_000;
const BIG = process.env.E2E_BIG !== '0';

let server;
before(async () => {
  server = await startServer(DIST);
});
after(async () => {
  if (server) await server.stop();
});

// ---- helpers --------------------------------------------------------------------------------

const hashOf = (s) => s.exec('return location.hash');

async function select(s, testid, value) {
  await s.find(testid);
  await s.exec(`const e = document.querySelector('[data-testid="${testid}"]');
    e.value = arguments[0]; e.dispatchEvent(new Event('change', { bubbles: true }));`, value);
}

const selectValue = (s, testid) => s.exec(
  `const e = document.querySelector('[data-testid="${testid}"]'); return e ? e.value : null`,
);

// The header texts and the first column of a DataTable.
async function tableShape(s, testid) {
  return s.exec(`const t = document.querySelector('[data-testid="${testid}"] table');
    if (!t) return null;
    return {
      head: [...t.querySelectorAll('thead th')].map((th) => th.textContent.replace(/[↑↓]/g, '').trim()),
      first: [...t.querySelectorAll('tbody tr')].map((tr) => tr.children[0].textContent.replace('›', '').trim()),
      rows: t.querySelectorAll('tbody tr').length,
    };`);
}

async function waitTable(s, testid, pred = (t) => t && t.rows > 0, msg = `${testid} should have rows`) {
  return s.waitFor(async () => {
    const t = await tableShape(s, testid);
    return pred(t) ? t : false;
  }, 20000, msg);
}

// Waits for a file ending in `ext` to appear, complete, in the session's download directory.
// Chromium reserves the final name with an empty file while it writes `<name>.crdownload`, so a
// file counts only once it has bytes, no partial download is left and its size has held for 100 ms.
async function downloaded(s, ext, after = new Set()) {
  let last = { size: -1, since: 0 };
  return s.waitFor(() => {
    const all = fs.readdirSync(s.downloadDir);
    if (all.some((n) => n.endsWith('.crdownload') || n.endsWith('.part'))) return false;
    const name = all.find((n) => n.endsWith(ext) && !after.has(n));
    if (!name) return false;
    const file = path.join(s.downloadDir, name);
    const size = fs.statSync(file).size;
    if (size !== last.size) last = { size, since: Date.now() };
    return size > 0 && Date.now() - last.since >= 100 ? file : false;
  }, 20000, `a complete ${ext} download in ${s.downloadDir}`);
}
const downloads = (s) => new Set(fs.readdirSync(s.downloadDir));

async function openReview(s, query = '') {
  await s.open(server.url);
  await s.route(`#/review${query}`, 'review-page');
}

const reviewBrowsers = BROWSERS.filter((b) => b === 'chromium');

for (const browser of reviewBrowsers) {
  describe(`${browser} review`, () => {
    let driver;
    before(async () => {
      driver = await startDriver(browser);
    });
    after(async () => {
      if (driver) await driver.stop();
    });

    for (const viewport of VIEWPORTS) {
      describe(viewport.name, () => {
        const ctx = { browser, viewport, get driver() { return driver; } };
        const it = (name, title, fn) => test(`${name}: ${title}`, { timeout: TEST_TIMEOUT },
          () => withSession(ctx, name, fn));

        it('review-compare', 'totals match the Data page; dimension, period and drill-down follow the URL', async (s) => {
          await s.open(server.url);
          await s.route('#/data', 'stat-sales');
          const dataTotal = await s.waitFor(async () => {
            const t = await s.exec(`return document.querySelector('[data-testid="stat-sales"] .stat-value').textContent.trim()`);
            return t && t !== '¥0' ? t : false;
          }, 20000, 'the Data page total');
          const span = await s.exec(`return document.querySelector('[data-testid="stat-period"] .stat-value').textContent.trim()`);
          const [first, last] = span.split('–').map((x) => x.trim().slice(0, 7));
          assert.match(first, /^\d{4}-\d{2}$/);

          // The whole span as one period: the review total is the Data page's total.
          await s.route(`#/review?period=${first}..${last}&cmp=yoy`, 'rv-compare');
          await waitTable(s, 'rv-compare');
          const reviewTotal = await s.exec(`return document.querySelector('[data-testid="rv-total-current"] .stat-value').textContent.trim()`);
          assert.equal(reviewTotal, dataTotal, 'review total over the whole span = Data page total');

          // Defaults: the last year to date against the same months a year before, by region.
          await s.route('#/review', 'rv-compare');
          let t = await waitTable(s, 'rv-compare');
          assert.equal(await selectValue(s, 'rv-dim'), 'region');
          assert.equal(await selectValue(s, 'rv-cmp'), 'ytd');
          assert.match(t.head[0], /区域/);
          const regions = t.rows;

          // Dimension → customers: the table and the URL follow.
          await select(s, 'rv-dim', 'customer');
          t = await waitTable(s, 'rv-compare', (x) => x && /客户/.test(x.head[0]), 'the table shows customers');
          assert.ok(t.rows > regions, `more customers (${t.rows}) than regions (${regions})`);
          assert.match(await hashOf(s), /dim=customer/);

          // Period → another year: the URL and the periods line follow.
          const periods = await s.exec(`return [...document.querySelector('[data-testid="rv-period"]').options].map((o) => o.value)`);
          const other = periods.filter((p) => /^\d{4}$/.test(p))[1];
          assert.ok(other, `a second year among ${periods}`);
          await select(s, 'rv-period', other);
          await s.waitFor(async () => (await s.text('rv-periods')).includes(other), 10000, 'the periods line shows the new year');
          assert.match(await hashOf(s), new RegExp(`period=${other}`));

          // Comparison → year over year.
          await select(s, 'rv-cmp', 'yoy');
          await s.waitFor(async () => /cmp=yoy/.test(await hashOf(s)), 10000, 'cmp=yoy in the URL');

          // Drill-down: territory → region → its customers → their products, and back.
          await s.route('#/review?dim=region', 'rv-compare');
          t = await waitTable(s, 'rv-compare', (x) => x && /区域/.test(x.head[0]));
          const region = t.first[0];
          await s.exec(`document.querySelector('[data-testid="rv-compare"] tbody tr button.drill').click()`);
          await s.find('rv-breadcrumb');
          t = await waitTable(s, 'rv-compare', (x) => x && /客户/.test(x.head[0]), 'customers of the region');
          assert.ok(t.rows < 200, `only the region's customers (${t.rows})`);
          assert.match(await s.text('rv-breadcrumb'), new RegExp(region));
          assert.match(await hashOf(s), /drill=region/);
          await s.exec(`document.querySelector('[data-testid="rv-compare"] tbody tr button.drill').click()`);
          t = await waitTable(s, 'rv-compare', (x) => x && /产品/.test(x.head[0]), 'products of the customer');
          assert.equal(await s.exec(`return document.querySelectorAll('[data-testid="rv-compare"] tbody tr button.drill').length`), 0,
            'products are the last level');
          await s.screenshot('review-drill');
          await s.click('rv-drill-top');
          await waitTable(s, 'rv-compare', (x) => x && /区域/.test(x.head[0]) && x.rows === regions, 'back at the territory');
          assert.doesNotMatch(await hashOf(s), /drill=/);
        });

        it('review-bookmark', 'a bookmarked URL restores the sub-view and its filters after a reload', async (s) => {
          await openReview(s);
          await s.find('rv-compare');
          const hash = '#/review?view=pareto&cmp=pop&dim=product&m=quantity';
          await s.driver.get(`${server.url}${hash}`);
          await s.waitReady();
          await s.find('rv-abc');
          await s.reload();
          await s.find('rv-abc');
          assert.equal(await s.attr('rv-tab-pareto', 'aria-selected'), 'true');
          assert.equal(await selectValue(s, 'rv-dim'), 'product');
          assert.equal(await selectValue(s, 'rv-cmp'), 'pop');
          assert.equal(await selectValue(s, 'rv-measure'), 'quantity');
          const t = await waitTable(s, 'rv-abc');
          assert.match(t.head[0], /产品/);
          assert.match(await hashOf(s), /view=pareto/);
        });

        it('review-views', 'every sub-view renders numbers on the demo workspace', async (s) => {
          await openReview(s);
          await waitTable(s, 'rv-compare');
          await s.screenshot('review-compare');

          await s.click('rv-tab-pareto');
          await waitTable(s, 'rv-abc');
          assert.match(await s.text('rv-pareto-summary'), /\d+\.\d% 的区域贡献了 \d+\.\d% 的销售额/);
          await s.screenshot('review-pareto');

          await s.click('rv-tab-trend');
          const trend = await s.text('rv-trend-summary', 20000);
          assert.match(trend, /MAPE \d+\.\d%/);
          await s.find('rv-season');
          await s.find('rv-forecast');
          await s.screenshot('review-trend');

          await s.click('rv-tab-funnel');
          let f = await waitTable(s, 'rv-funnel');
          assert.ok(f.first.includes('覆盖客户数'), `without a universe: covered customers (${f.first})`);
          // The universe, entered per region, is kept in the workspace: five factors, also after a reload.
          const ids = await s.exec(`return [...document.querySelectorAll('[data-testid="rv-universe"] input')].map((e) => e.dataset.testid)`);
          assert.ok(ids.length >= 2, `one universe input per region (${ids})`);
          for (const [i, id] of ids.entries()) {
            await s.exec(`const e = document.querySelector('[data-testid="' + arguments[0] + '"]');
              e.value = arguments[1]; e.dispatchEvent(new Event('change', { bubbles: true }));`, id, String(1000 + i * 100));
          }
          f = await waitTable(s, 'rv-funnel', (x) => x && x.first.includes('售点总数'), 'with a universe: five factors');
          assert.ok(f.first.includes('覆盖率'));
          await s.reload();
          await s.find('rv-funnel');
          f = await waitTable(s, 'rv-funnel', (x) => x && x.first.includes('售点总数'), 'the universe survives a reload');
          assert.equal(await s.exec(`return document.querySelector('[data-testid="' + arguments[0] + '"]').value`, ids[1]), '1100');
          await s.find('rv-lmdi');
          await s.screenshot('review-funnel');

          await s.click('rv-tab-perhead');
          const p = await waitTable(s, 'rv-perhead');
          assert.ok(p.first.includes('人均销售'));
          await s.screenshot('review-perhead');

          await s.click('rv-tab-scorecard');
          await s.find('rv-scorecard');
          const statuses = await s.exec(`return [...document.querySelectorAll('[data-testid="rv-scorecard"] .status-pill')].map((e) => e.textContent.trim())`);
          assert.ok(statuses.length >= 5, `KPI lines: ${statuses}`);
          for (const st of statuses) assert.match(st, /达标|预警|落后|无数据/, 'status has a text label');
          await select(s, 'rv-add-kpi', 'gross_margin');
          await s.waitFor(async () => (await s.exec(`return document.querySelectorAll('[data-testid="rv-scorecard"] tbody tr').length`)) === statuses.length + 1,
            10000, 'the added KPI shows');
          await s.reload();
          await s.find('rv-scorecard');
          await s.waitFor(async () => (await s.exec(`return document.querySelectorAll('[data-testid="rv-scorecard"] tr[data-kpi="gross_margin"]').length`)) === 1,
            10000, 'the scorecard is kept in the workspace');
          await s.screenshot('review-scorecard');
        });

        it('review-exports', 'tables export to CSV and XLSX; charts show their numbers and save as PNG', async (s) => {
          await openReview(s);
          await waitTable(s, 'rv-compare');
          let seen = downloads(s);
          await s.click('rv-compare-csv');
          const csvFile = await downloaded(s, '.csv', seen);
          const csv = fs.readFileSync(csvFile, 'utf8');
          assert.equal(csv.charCodeAt(0), 0xfeff, 'CSV starts with a BOM');
          assert.match(csv.split('\r\n')[0], /^\ufeff区域,排名,本期/);
          const t = await tableShape(s, 'rv-compare');
          assert.equal(csv.trim().split('\r\n').length, t.rows + 1, 'one line per row plus the header');

          seen = downloads(s);
          await s.click('rv-compare-xlsx');
          const xlsx = fs.readFileSync(await downloaded(s, '.xlsx', seen));
          assert.equal(xlsx.subarray(0, 4).toString('latin1'), 'PK\u0003\u0004', 'XLSX is a zip');
          assert.ok(xlsx.includes(Buffer.from('xl/worksheets/sheet1.xml')));

          await s.click('rv-waterfall-numbers');
          const w = await waitTable(s, 'rv-waterfall-table');
          assert.match(w.first[0], /基期/);
          assert.match(w.first[w.first.length - 1], /本期/);
          seen = downloads(s);
          await s.click('rv-waterfall-png');
          const png = fs.readFileSync(await downloaded(s, '.png', seen));
          assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
          assert.ok(png.length > 5000, `a real image (${png.length} bytes)`);

          // The growth matrix view: growth × share bubbles and the month heat map, with the
          // numbers behind them, cell by cell with an arrow and a sign (never colour alone).
          await s.click('rv-tab-matrix');
          await s.click('rv-bubbles-numbers');
          const b = await waitTable(s, 'rv-bubbles-table');
          assert.deepEqual(b.head.slice(0, 3), ['区域', '增长率', '占比']);
          assert.equal(b.rows, t.rows, 'one bubble per region (each has a base)');
          await s.click('rv-heatmap-numbers');
          const h = await waitTable(s, 'rv-heatmap-table');
          assert.equal(h.rows, t.rows, 'one heat-map row per region');
          assert.ok(h.head.slice(1).every((m) => /^\d{4}-\d{2}$/.test(m)), `month columns: ${h.head}`);
          const cells = await s.exec(`return [...document.querySelectorAll('[data-testid="rv-heatmap-table"] tbody td')].map((td) => td.textContent.trim())`);
          assert.ok(cells.some((c) => /^[▲▼+−-]/.test(c) || /%/.test(c)), `growth cells: ${cells.slice(0, 8)}`);
        });

        if (BIG && viewport.name === 'desktop') {
          it('review-1m', 'changing the period or dimension on a 1M-row ledger repaints in under 200 ms', async (s) => {
            const file = path.join(os.tmpdir(), 'sandtable-review-1m.csv');
            if (!fs.existsSync(file)) writeBigLedger(file, 1_000_000);
            await s.open(server.url);
            await s.route('#/data', 'ledger-import-open');
            await s.click('ledger-import-open');
            await (await s.find('ledger-file-input')).sendKeys(file);
            await s.find('wiz-mapping', 120000);
            await s.click('wiz-next');
            await s.find('wiz-report', 300000);
            await s.click('wiz-commit');
            await s.find('wiz-done-message', 300000);
            await s.route('#/data', 'stat-rows');
            const rows = Number(await s.attr('stat-rows', 'data-value'));
            assert.ok(rows >= 1_000_000, `the workspace holds the 1M rows (${rows})`);
            await s.route('#/review?dim=region', 'rv-compare');
            await waitTable(s, 'rv-compare');
            // Time from the change event to the next frame after the table's content changed.
            const measure = (testid, value) => s.execAsync(`
              const sel = document.querySelector('[data-testid="' + arguments[0] + '"]');
              const body = document.querySelector('[data-testid="rv-compare"] tbody');
              const before = body.textContent;
              return new Promise((resolve) => {
                const t0 = performance.now();
                const obs = new MutationObserver(() => {
                  if (document.querySelector('[data-testid="rv-compare"] tbody').textContent === before) return;
                  obs.disconnect();
                  requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0));
                });
                obs.observe(document.querySelector('[data-testid="rv-compare"]'), { childList: true, subtree: true, characterData: true });
                sel.value = arguments[1];
                sel.dispatchEvent(new Event('change', { bubbles: true }));
              });`, testid, value);
            const periods = await s.exec(`return [...document.querySelector('[data-testid="rv-period"]').options].map((o) => o.value).filter((p) => /^\\d{4}$/.test(p))`);
            const times = [];
            for (let i = 0; i < 3; i++) {
              times.push(['period', await measure('rv-period', periods[(i + 1) % 2])]);
              times.push(['dimension', await measure('rv-dim', i % 2 ? 'region' : 'salesperson')]);
            }
            for (const [what, ms] of times) console.log(`# review 1M rows: ${what} change → painted in ${ms.toFixed(1)} ms`);
            const worst = Math.max(...times.map(([, ms]) => ms));
            console.log(`# review 1M rows: worst ${worst.toFixed(1)} ms (target < 200 ms): ${worst < 200 ? 'MET' : 'NOT MET'}`);
            // The target split on the same 1M-row workspace: a target from last year, the months
            // and customers split, then basis changes timed like the review's.
            await s.route('#/targets?view=start', 'tg-grow-10');
            await s.click('tg-grow-10');
            await s.route('#/targets?view=split', 'tg-split-begin');
            await s.click('tg-split-begin');
            await s.find('tg-split-table', 60000);
            await s.click('tg-dim-toggle-customer');
            await s.click('tg-dim-customer');
            await s.find('tg-split-table', 60000);
            const split = [];
            for (const b of ['equal', 'last-year', 'weighted', 'last-year']) split.push(await splitRepaint(s, 'tg-basis', b));
            for (const ms of split) console.log(`# targets 1M rows: customer basis change → recomputed and painted in ${ms.toFixed(1)} ms`);
            const worstSplit = Math.max(...split);
            console.log(`# targets 1M rows: worst ${worstSplit.toFixed(1)} ms (target < 200 ms): ${worstSplit < 200 ? 'MET' : 'NOT MET'}`);
            assert.ok(split.every((ms) => ms >= 0), 'every change repainted the split');
            // RAS + controlled rounding in the browser: customers × products (2,000 × 300) from
            // the plan's two splits, timed from the choice of rows to the grid's status shown.
            await s.click('tg-dim-toggle-product');
            await s.click('tg-grid-open');
            await s.find('tg-grid-status', 60000);
            await s.exec(`const c = document.querySelector('[data-testid="tg-grid-cols"]');
              c.value = 'product'; c.dispatchEvent(new Event('change', { bubbles: true }));`);
            await s.waitFor(async () => (await s.exec(`return document.querySelector('[data-testid="tg-grid-table"] thead').textContent.length`)) > 200,
              60000, 'region × product grid drawn');
            const gridMs = await s.execAsync(`
              const sel = document.querySelector('[data-testid="tg-grid-rows"]');
              const status = () => document.querySelector('[data-testid="tg-grid-table"] tbody');
              const before = status() ? status().textContent : '';
              performance.clearMeasures('sandtable-grid');
              return new Promise((resolve) => {
                const t0 = performance.now();
                sel.value = 'customer';
                sel.dispatchEvent(new Event('change', { bubbles: true }));
                const poll = () => {
                  const now = status() ? status().textContent : '';
                  if (now !== before && now.length > 0) requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0));
                  else if (performance.now() - t0 > 60000) resolve(-1);
                  else requestAnimationFrame(poll);
                };
                poll();
              });`);
            const converged = await s.attr('tg-grid-status', 'data-converged');
            // The app measures the grid's computation itself (the ledger's pass for last year's
            // grid, RAS and controlled rounding) as 'sandtable-grid'; the rest is drawing.
            const fits = await s.exec("return performance.getEntriesByName('sandtable-grid').map((e) => e.duration)");
            const fitMs = fits.reduce((a, b) => a + b, 0);
            console.log(`# targets 1M rows: customers × products grid computed (last year's grid, RAS, controlled rounding) in ${fitMs.toFixed(1)} ms over ${fits.length} fit(s) (target < 600 ms): ${fitMs < 600 ? 'MET' : 'NOT MET'}`);
            console.log(`# targets 1M rows: customers × products grid computed and drawn in ${gridMs.toFixed(1)} ms, converged ${converged}`);
            assert.ok(gridMs >= 0, 'the customer × product grid was drawn');
            assert.equal(fits.length, 1, 'the grid is fitted once for one change');
          });
        }
      });
    }
  });
}

// A deterministic 1M-row ledger in the layout the import wizard reads: 3 years, 2,000
// customers in 8 regions, 300 products, 40 salespeople.
function writeBigLedger(file, rows) {
  // Written under another name and renamed at the end, so an interrupted run leaves no half file.
  const partial = `${file}.part`;
  const fd = fs.openSync(partial, 'w');
  let seed = 12345;
  const rnd = (n) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  let buf = '日期,客户编码,客户名称,产品编码,产品名称,区域,业务员,渠道,数量,金额,单据号\n';
  for (let i = 0; i < rows; i++) {
    const y = 2023 + rnd(3);
    const m = 1 + rnd(12);
    const d = 1 + rnd(28);
    const c = rnd(2000);
    const p = rnd(300);
    const qty = 1 + rnd(20);
    const amount = (qty * (10 + (p % 90))).toFixed(2);
    buf += `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')},C${c},客户${c},P${p},产品${p},区域${c % 8},S${c % 40},经销商,${qty},${amount},D${i}\n`;
    if (buf.length > 1 << 20) {
      fs.writeSync(fd, buf);
      buf = '';
    }
  }
  fs.writeSync(fd, buf);
  fs.closeSync(fd);
  fs.renameSync(partial, file);
}

