// End-to-end test of the ledger import wizard in Chromium (desktop and tablet): a GBK-encoded
// U8-style export with a title row, subtotal and total rows, a return and an impossible date.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BROWSERS, VIEWPORTS, DIST, startServer, startDriver, withSession } from './harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const GBK_FILE = path.join(here, 'fixtures', 'u8-ledger-gbk.csv');
const DUP_FILE = path.join(here, 'fixtures', 'duplicate-customers.csv');
const DUP_PRODUCTS_FILE = path.join(here, 'fixtures', 'duplicate-products.csv');
const TEST_TIMEOUT = 240_000;

let server;
before(async () => {
  server = await startServer(DIST);
});
after(async () => {
  if (server) await server.stop();
});

async function dataValue(s, testid) {
  const v = await s.waitFor(async () => {
    const raw = await s.attr(testid, 'data-value');
    return raw !== null && raw !== '' ? raw : false;
  }, 20000, `[data-testid=${testid}] should have a data-value`);
  return v;
}

async function statRows(s) {
  await s.route('#/data', 'stat-rows');
  return Number(await dataValue(s, 'stat-rows'));
}

// Records, in window.__writing, when the "writing to the workspace" card appears ('shown', with
// 'busy' if the wizard is aria-busy then), when a frame is drawn with it up ('painted'), and when
// it goes ('gone').
async function watchWriting(s) {
  await s.exec(`
    window.__writing = [];
    window.__status = [];
    let up = false;
    new MutationObserver(() => {
      const status = document.querySelector('[data-testid=save-status]');
      const said = status ? status.textContent.trim() : '';
      if (said && window.__status[window.__status.length - 1] !== said) window.__status.push(said);
      const el = document.querySelector('[data-testid=wiz-writing]');
      if (el && !up) {
        up = true;
        window.__writing.push('shown');
        const w = document.querySelector('[data-testid=import-wizard]');
        if (w && w.getAttribute('aria-busy') === 'true') window.__writing.push('busy');
        requestAnimationFrame(() => setTimeout(() => {
          if (document.querySelector('[data-testid=wiz-writing]')) window.__writing.push('painted');
        }, 0));
      } else if (!el && up) {
        up = false;
        window.__writing.push('gone');
      }
    }).observe(document.body, { childList: true, subtree: true, attributes: true });
  `);
}

// Opens the wizard from the Data page and hands it the file.
async function chooseLedger(s, file) {
  await s.route('#/data', 'ledger-import-open');
  await s.click('ledger-import-open');
  const input = await s.find('ledger-file-input');
  await input.sendKeys(file);
  await s.find('wiz-mapping', 30000);
}

async function selectedText(s, testid) {
  return s.exec(`const e = document.querySelector('[data-testid="${testid}"]');
    return e && e.selectedOptions.length ? e.selectedOptions[0].textContent.trim() : null`);
}

const wizardBrowsers = BROWSERS.filter((b) => b === 'chromium');

for (const browser of wizardBrowsers) {
  describe(`${browser} import wizard`, () => {
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

        it('import-gbk', 'a GBK ledger is detected, validated, imported once and kept', async (s) => {
          await s.open(server.url);
          const before = await statRows(s);
          await chooseLedger(s, GBK_FILE);

          // Detection: GB18030 (GBK's superset), header on row 2 below the title, net amounts.
          assert.match(await selectedText(s, 'wiz-encoding'), /gb18030/);
          assert.equal(await s.exec('return document.querySelector(\'[data-testid="wiz-header-row"]\').value'), '2');
          assert.equal(await selectedText(s, 'wiz-map-amount'), '无税金额');
          assert.equal(await selectedText(s, 'wiz-map-customer'), '客户编码');
          assert.equal(await selectedText(s, 'wiz-map-salesperson'), '业 务 员');
          assert.match(await s.text('wiz-preview'), /杭州瑞丰商贸有限公司/);
          assert.match(await s.text('wiz-basis'), /不含税/);
          await s.screenshot('import-gbk-step2');

          // Validation report: 4 rows in, the impossible date out, 小计 and 合计 left out.
          await s.click('wiz-next');
          await s.find('wiz-report', 60000);
          assert.equal(await dataValue(s, 'wiz-imported'), '4');
          assert.equal(await dataValue(s, 'wiz-rejected'), '1');
          assert.equal(await dataValue(s, 'wiz-excluded'), '2');
          assert.equal(await dataValue(s, 'wiz-total'), '3960');
          assert.equal(await s.text('wiz-report-encoding'), 'gb18030');
          const rejected = await s.text('wiz-rejected-table');
          assert.match(rejected, /2024-02-30/);
          assert.match(rejected, /不存在|no such day/);
          await s.screenshot('import-gbk-step3');

          // Commit: a busy card is painted before the rows are written, and goes away after.
          await watchWriting(s);
          await s.click('wiz-commit');
          assert.match(await s.text('wiz-done-message', 20000), /4/);
          const seen = await s.exec('return window.__writing');
          assert.deepEqual(seen.filter((e) => e !== 'painted').slice(0, 3), ['shown', 'busy', 'gone'],
            `busy card shown, section aria-busy, then removed: ${seen}`);
          assert.ok(seen.indexOf('painted') > 0 && seen.indexOf('painted') < seen.indexOf('gone'),
            `a frame is drawn while the busy card is up: ${seen}`);
          assert.equal(await s.has('wiz-writing'), false);
          assert.equal(await s.attr('import-wizard', 'aria-busy'), 'false');
          // The commit is saved at once, and the indicator says so: "saving", then "saved",
          // never "unsaved changes" in between.
          await s.waitFor(async () => /已保存/.test(await s.text('save-status')), 20000, 'the commit is saved');
          const said = await s.exec('return window.__status');
          assert.ok(said.some((t) => /正在保存/.test(t)), `the indicator said it was saving: ${said}`);
          assert.ok(!said.some((t) => /未保存/.test(t)), `no "unsaved" after the commit: ${said}`);
          // The rows and their new customers are in the workspace, and survive a reload.
          assert.equal(await statRows(s), before + 4);
          await s.reload();
          assert.equal(await statRows(s), before + 4, 'imported rows are stored');

          // The same file again adds nothing.
          await chooseLedger(s, GBK_FILE);
          await s.click('wiz-next');
          await s.find('wiz-report', 60000);
          await s.click('wiz-commit');
          assert.match(await s.text('wiz-done-message', 20000), /没有新数据|No new rows|0/);
          assert.equal(await statRows(s), before + 4, 're-import adds 0 rows');
        });

        it('merge-duplicates', 'customers under one name are merged, and the merge undone', async (s) => {
          await s.open(server.url);
          const rows = await statRows(s);
          await chooseLedger(s, DUP_FILE);
          await s.click('wiz-next');
          await s.find('wiz-report', 60000);
          await s.click('wiz-commit');
          await s.find('wiz-done-message', 20000);
          await s.route('#/data', 'stat-customers');
          const customers = Number(await dataValue(s, 'stat-customers'));
          assert.equal(await statRows(s), rows + 3);
          const group = await s.find('dup-group');
          assert.match(await group.getText(), /K001[\s\S]*K002/);
          await s.click('dup-merge');
          await s.waitFor(async () => Number(await dataValue(s, 'stat-customers')) === customers - 1, 10000,
            'one customer fewer after the merge');
          assert.equal(await statRows(s), rows + 3, 'no ledger row is lost');
          assert.equal(await s.has('dup-group'), false, 'no duplicates left');
          await s.click('undo');
          await s.waitFor(async () => Number(await dataValue(s, 'stat-customers')) === customers, 10000,
            'undo brings the customer back');
          await s.reload();
          assert.equal(Number(await dataValue(s, 'stat-customers')), customers, 'the undo is stored');
          assert.equal(await s.has('dup-group'), true);
        });

        it('merge-duplicate-products', 'products under one name are merged, and the merge undone', async (s) => {
          await s.open(server.url);
          const rows = await statRows(s);
          await chooseLedger(s, DUP_PRODUCTS_FILE);
          await s.click('wiz-next');
          await s.find('wiz-report', 60000);
          await s.click('wiz-commit');
          await s.find('wiz-done-message', 20000);
          await s.route('#/data', 'stat-products');
          const products = Number(await dataValue(s, 'stat-products'));
          assert.equal(await statRows(s), rows + 3);
          await s.click('tab-products');
          const group = await s.find('dup-group');
          assert.match(await group.getText(), /P901[\s\S]*P902/);
          await s.screenshot('duplicate-products');
          await s.click('dup-merge');
          await s.waitFor(async () => Number(await dataValue(s, 'stat-products')) === products - 1, 10000,
            'one product fewer after the merge');
          assert.equal(await statRows(s), rows + 3, 'no ledger row is lost');
          assert.equal(await s.has('dup-group'), false, 'no duplicate products left');
          await s.click('undo');
          await s.waitFor(async () => Number(await dataValue(s, 'stat-products')) === products, 10000,
            'undo brings the product back');
          await s.reload();
          assert.equal(Number(await dataValue(s, 'stat-products')), products, 'the undo is stored');
          await s.click('tab-products');
          assert.equal(await s.has('dup-group'), true);
        });

        it('import-cancel', 'cancelling the wizard changes nothing', async (s) => {
          await s.open(server.url);
          const before = await statRows(s);
          await chooseLedger(s, GBK_FILE);
          await s.click('wiz-next');
          await s.find('wiz-report', 60000);
          await s.click('wiz-cancel');
          await s.find('ledger-dropzone');
          assert.equal(await statRows(s), before);
          await s.reload();
          assert.equal(await statRows(s), before, 'nothing was stored');
        });
      });
    }
  });
}
