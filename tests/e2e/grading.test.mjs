// End-to-end test of customer grading in Chromium (tablet and desktop): build a scale with the
// wizard from the core-distributor template (one weight changed, a validation message seen to
// appear and clear), rate three customers (by tap and by keyboard), check their scores and
// grades against the formula worked here, then carry the scale and the ratings as files into a
// second workspace and find the same grades there.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  BROWSERS, VIEWPORTS, DIST, startServer, startDriver, withSession, sleep, dataValue, typeText, downloadBlob,
} from './harness.mjs';

const TEST_TIMEOUT = 300_000;

let server;
let scratch;
before(async () => {
  server = await startServer(DIST);
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'sandtable-grading-'));
});
after(async () => {
  if (server) await server.stop();
  if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
});

// The core-distributor template after the test's edit: category weights 45/25/30 (the
// template has 40/30/30), factor weights within each category, every factor worth 10 at most.
// Level factors are the grid's columns 0–3, metric factors its metric columns 0–3.
const LEVEL_POINTS = { A: 10, B: 6, C: 2 };
function expectedScore(levels, metricPoints) {
  const [capital, warehouse, commitment, coverage] = levels.map((l) => LEVEL_POINTS[l]);
  const [amount, growth, margin, months] = metricPoints;
  const size = 45 * (0.5 * amount + 0.25 * capital + 0.25 * warehouse) / 10;
  const growthProfit = 25 * (0.5 * growth + 0.5 * margin) / 10;
  const partnership = 30 * (0.4 * commitment + 0.3 * coverage + 0.3 * months) / 10;
  return size + growthProfit + partnership;
}
const gradeOf = (score) => (score >= 80 ? 'A' : score >= 60 ? 'B' : 'C');

const value = dataValue;

// Types into a field: clears it and sends the text (the app reads every input event).
const type = (s, testid, text) => typeText(s, testid, text);

// Downloads what `testid` exports and keeps it as a file, to give back to a file input.
async function download(s, testid) {
  const { name, bytes } = await downloadBlob(s, testid);
  const file = path.join(scratch, `${Date.now()}-${name}`);
  fs.writeFileSync(file, bytes);
  return { file, text: bytes.toString('utf8'), name };
}

async function gradesOf(s, ids) {
  await s.route('#/grading?view=results', 'res-table');
  const out = {};
  for (const id of ids) {
    out[id] = {
      score: Number(await value(s, `res-score-${id}`)),
      grade: await value(s, `res-grade-${id}`),
    };
  }
  return out;
}

const browsers = BROWSERS.filter((b) => b === 'chromium');

for (const browser of browsers) {
  describe(`${browser} grading`, () => {
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

        it('grading-wizard', 'a scale built in the wizard grades three rated customers and travels as a file', async (s) => {
          await s.open(server.url);
          await s.route('#/grading?view=design', 'gr-wizard');
          await s.click('wiz-template-core_distributor');

          // Step 2: category weights. 45 + 30 + 30 ≠ 100: the message appears and Next is off.
          await s.find('wiz-categories');
          await type(s, 'wiz-cat-weight-0', '45');
          await s.waitFor(async () => (await value(s, 'wiz-cat-sum')) === '105', 5000, 'the weights should add up to 105');
          const issue = await s.waitFor(() => s.exec(
            `const e = document.querySelector('[data-testid="wiz-issue"][data-path="categories"]');
             return e ? e.textContent : false`), 5000, 'a weight-sum message should appear');
          assert.match(issue, /100/);
          assert.equal(await s.exec('return document.querySelector(\'[data-testid="wiz-next"]\').disabled'), true);
          await s.screenshot('grading-weight-issue');
          // 45 + 25 + 30 = 100: the message goes away.
          await type(s, 'wiz-cat-weight-1', '25');
          await s.waitFor(async () => (await value(s, 'wiz-cat-sum')) === '100', 5000, 'the weights should add up to 100');
          await s.waitFor(() => s.exec(
            'return !document.querySelector(\'[data-testid="wiz-issue"][data-path="categories"]\')'),
          5000, 'the weight-sum message should clear');
          // The live preview counts every customer.
          const previewTotal = await s.exec(`return [...document.querySelectorAll('[data-testid^="gr-preview-"][data-value]')]
            .reduce((n, e) => n + Number(e.dataset.value), 0)`);
          assert.ok(previewTotal > 0, 'the preview shows the customers');

          await s.click('wiz-next');
          await s.find('wiz-factors');
          await s.screenshot('grading-factors');
          await s.click('wiz-next');
          await s.find('wiz-grades');
          assert.equal(await s.attr('wiz-grade-min-0', 'value'), '80');
          await s.click('wiz-save');
          await s.find('wiz-saved');

          // Rate three customers: the first by tapping all A, the second all B, the third by
          // keyboard (A, C, B, then 1 = A).
          await s.route('#/grading?view=rate', 'rate-grid');
          const ids = await s.exec(`return [...document.querySelectorAll('[data-testid^="rate-row-"]')]
            .slice(0, 3).map((e) => e.dataset.testid.slice('rate-row-'.length))`);
          assert.equal(ids.length, 3, 'the grid lists customers');
          const plan = { [ids[0]]: ['A', 'A', 'A', 'A'], [ids[1]]: ['B', 'B', 'B', 'B'], [ids[2]]: ['A', 'C', 'B', 'A'] };
          for (const id of ids.slice(0, 2)) {
            for (let col = 0; col < 4; col++) {
              await s.click(`rate-cell-${id}-${col}-${plan[id][col]}`);
              await s.waitFor(async () => (await value(s, `rate-cell-${id}-${col}`)) === plan[id][col], 5000,
                `cell ${id}/${col} should read ${plan[id][col]}`);
            }
          }
          const first = await s.find(`rate-cell-${ids[2]}-0`);
          await s.exec('arguments[0].scrollIntoView({block: "center"}); arguments[0].focus()', first);
          for (const key of ['a', '\uE014', 'c', '\uE014', 'b', '\uE014', '1']) { // \uE014: ArrowRight
            await s.driver.actions().sendKeys(key).perform();
            await sleep(60);
          }
          for (let col = 0; col < 4; col++) {
            await s.waitFor(async () => (await value(s, `rate-cell-${ids[2]}-${col}`)) === plan[ids[2]][col], 5000,
              `keyboard-rated cell ${col} should read ${plan[ids[2]][col]}`);
          }
          await s.screenshot('grading-rated');

          // Expected scores from the formula, with the metric points the grid shows.
          const expected = {};
          for (const id of ids) {
            const points = [];
            for (let k = 0; k < 4; k++) points.push(Number(await value(s, `rate-metric-${id}-${k}`, 'data-points')));
            const score = expectedScore(plan[id], points);
            expected[id] = { score, grade: gradeOf(score) };
          }
          const got = await gradesOf(s, ids);
          for (const id of ids) {
            assert.ok(Math.abs(got[id].score - expected[id].score) < 0.001,
              `${id}: score ${got[id].score}, expected ${expected[id].score}`);
            assert.equal(got[id].grade, expected[id].grade, `${id}: grade`);
          }
          await s.screenshot('grading-results');

          // Export the scale and the ratings.
          await s.route('#/grading?view=design', 'gr-wizard');
          const scaleFile = await download(s, 'scale-export');
          const scale = JSON.parse(scaleFile.text);
          assert.equal(scale.format, 'sandtable.scale');
          assert.deepEqual(scale.categories.map((c) => c.weight), [45, 25, 30]);
          await s.route('#/grading?view=rate', 'ratings-export');
          const ratingsFile = await download(s, 'ratings-export');
          assert.match(ratingsFile.text, /^customer,factor,grade/);

          // A bad file is refused and changes nothing.
          const bad = path.join(scratch, 'not-a-scale.json');
          fs.writeFileSync(bad, '{"format":"sandtable.workspace","version":1}');

          // A second workspace (a fresh demo): import both files, same grades.
          await s.route('#/workspaces', 'ws-new-demo');
          const wsBefore = (await s.findAll('ws-item')).length;
          await s.click('ws-new-demo');
          await s.waitFor(async () => (await s.findAll('ws-item')).length === wsBefore + 1, 20000,
            'a second workspace should be listed');
          await s.route('#/grading?view=design', 'scale-import-input');
          assert.equal(await s.has('wiz-edit-current'), false, 'the new workspace has no scale yet');
          await (await s.find('scale-import-input')).sendKeys(bad);
          assert.match(await s.text('scale-import-error'), /sandtable\.scale/);
          assert.equal(await s.has('wiz-edit-current'), false, 'a refused file adds nothing');
          await (await s.find('scale-import-input')).sendKeys(scaleFile.file);
          await s.find('scale-import-done');
          await s.route('#/grading?view=rate', 'ratings-import-input');
          await (await s.find('ratings-import-input')).sendKeys(ratingsFile.file);
          assert.match(await s.text('ratings-import-report'), /12/);
          const again = await gradesOf(s, ids);
          assert.deepEqual(again, got, 'the imported scale gives the same scores and grades');

          // Both workspaces keep their grading after a reload.
          await s.reload();
          assert.deepEqual(await gradesOf(s, ids), got, 'the grading is stored');

          // A second version (the template as shipped, 40/30/30) compared with the imported one:
          // the three rated customers fill the 3×3 matrix.
          await s.route('#/grading?view=design', 'gr-wizard');
          await s.click('wiz-template-core_distributor');
          await s.click('wiz-next');
          await s.click('wiz-next');
          await s.click('wiz-save');
          await s.find('wiz-saved');
          await s.route('#/grading?view=compare', 'cmp-matrix');
          const cells = await s.exec(`return [...document.querySelectorAll('[data-testid^="cmp-cell-"]')]
            .map((e) => Number(e.dataset.value))`);
          assert.equal(cells.length, 9, 'a 3×3 matrix');
          assert.equal(cells.reduce((a, b) => a + b, 0), 3, 'the three rated customers are placed');
          await s.find('merge');
          await s.screenshot('grading-compare');

          // The GE matrix places the customers whose inputs are all rated; the others are
          // listed apart to be rated, never drawn at 0. The profitability matrix has a total.
          await s.route('#/grading?view=ge', 'ge-chart');
          const placed = Number(await value(s, 'ge-chart', 'data-count'));
          assert.ok(placed >= 3, 'the rated customers are on the GE matrix');
          assert.equal((await s.findAll('ge-bubble')).length, placed);
          const geCells = await s.exec(`return [...document.querySelectorAll('[data-testid^="ge-cell-"]')]
            .map((e) => Number(e.dataset.value))`);
          assert.equal(geCells.reduce((a, b) => a + b, 0), placed, "the cells count the placed customers only");
          const unplaced = (await s.has('ge-unplaced')) ? Number(await value(s, 'ge-unplaced', 'data-count')) : 0;
          if (unplaced > 0) {
            const groups = await s.exec(`return [...document.querySelectorAll('[data-testid="ge-unplaced-group"]')].map((e) => Number(e.dataset.count))`);
            assert.equal(groups.reduce((a, b) => a + b, 0), unplaced, 'each one in a group of what it lacks');
            assert.match(await s.text('ge-unplaced'), /未评分/, 'with what is not rated');
            await s.exec(`document.querySelector('[data-testid="ge-unplaced"]').scrollIntoView({block: 'start'})`);
            await s.screenshot('grading-ge-unplaced');
          }
          await s.screenshot('grading-ge');
          await s.route('#/grading?view=profit', 'profit-matrix');
          const total = Number(await value(s, 'profit-total'));
          assert.ok(total > 0, 'the profitability matrix has revenue');
          await s.screenshot('grading-profit');

          // Product classes: cut points that are not numbers are refused with the reason and
          // change nothing; 30, 15 gives three classes; classes from the categories put every
          // category in the matrix; a class typed for one product becomes a class of its own.
          const classesOf = async () => [...new Set((await download(s, 'profit-matrix-export-csv')).text.trim()
            .split('\r\n').slice(1).map((l) => l.split(',')[0]).filter((c) => c !== '合计'))];
          const before = await classesOf();
          assert.equal(before.length, 4, `four classes by GM % to start (${before})`);
          await typeText(s, 'class-bounds', '40, 两成', { leave: true });
          assert.match(await s.text('class-bounds-error'), /“两成”不是数字/);
          await s.exec(`document.querySelector('[data-testid="class-rule"]').scrollIntoView({block: 'start'})`);
          await s.screenshot('grading-class-rule');
          assert.deepEqual(await classesOf(), before, 'a refused field changes nothing');
          await typeText(s, 'class-bounds', '30, 15', { leave: true });
          await s.waitFor(async () => (await classesOf()).length === 3, 10000, 'three classes from two cut points');
          assert.ok(!(await s.has('class-bounds-error')), 'the error goes once the value is right');
          assert.ok((await classesOf()).some((c) => c.includes('30')), 'classes named by their cut points');
          await s.click('classes-custom');
          await s.find('class-products');
          const categories = [...new Set(await s.exec(`return [...document.querySelectorAll('[data-testid="class-products"] tbody tr td:nth-child(2)')]
            .map((e) => e.textContent.trim()).filter((c) => c)`))];
          assert.ok(categories.length >= 2, `the demo's products have categories (${categories})`);
          await s.waitFor(async () => (await classesOf()).length >= categories.length,
            10000, 'one class per category');
          const byCategory = await classesOf();
          assert.ok(categories.every((c) => byCategory.includes(c)), `every category is a class (${byCategory})`);
          assert.ok(byCategory.every((c) => categories.includes(c) || c === '未分类'), 'and nothing else');
          const firstClass = await s.exec(`return document.querySelector('[data-testid^="class-of-"]').dataset.testid`);
          await typeText(s, firstClass, '明星品', { leave: true });
          await s.waitFor(async () => (await classesOf()).includes('明星品'), 10000, 'a typed class joins the matrix');
          assert.equal(Number(await value(s, 'profit-total')), total, 'classes move revenue, never change the total');
          await s.screenshot('grading-classes');

          // A cost-to-serve field refuses what it cannot take, with the range, and keeps the
          // stored value.
          const days = await s.exec(`return document.querySelector('[data-testid="cts-days"]').value`);
          await typeText(s, 'cts-days', '400', { leave: true });
          assert.match(await s.text('cts-days-error'), /账期天数须在 0–365 之间/);
          await typeText(s, 'cts-visit', '一百', { leave: true });
          assert.match(await s.text('cts-visit-error'), /每次拜访成本须为数字/);
          await s.reload();
          await s.route('#/grading?view=profit', 'profit-matrix');
          assert.equal(await s.exec(`return document.querySelector('[data-testid="cts-days"]').value`), days, 'nothing was stored');
          assert.ok((await s.exec(`return document.querySelector('[data-testid="${firstClass}"]').value`)) === '明星品',
            'the custom classes are stored');

          // Both profitability tables and the scores export; the matrix's last line is its total.
          const matrixCsv = (await download(s, 'profit-matrix-export-csv')).text.trim().split('\r\n');
          assert.match(matrixCsv[0], /^\ufeff?产品类别,等级,销售额,毛利,GP %/);
          const last = matrixCsv[matrixCsv.length - 1].split(',');
          assert.deepEqual(last.slice(0, 2), ['合计', '合计']);
          assert.equal(Number(last[2]), total, "the exported grand total is the page's");
          const customersCsv = (await download(s, 'profit-customers-export-csv')).text.trim().split('\r\n');
          assert.match(customersCsv[0], /客户,客户编码,等级,销售额,毛利/);
          await s.route('#/grading?view=results', 'res-table');
          const shown = (await s.exec(`return document.querySelectorAll('[data-testid^="res-row-"]').length`));
          const scoresCsv = (await download(s, 'res-export-csv')).text.trim().split('\r\n');
          assert.match(scoresCsv[0], /客户,客户编码,得分,等级,拜访次数\/月/);
          assert.equal(scoresCsv.length - 1, shown, 'one exported line per customer on the page');
          assert.equal(customersCsv.length - 1, shown, 'one profit line per graded customer');
          assert.equal(placed + unplaced, shown, 'every customer is either on the GE matrix or listed to be rated');

          // The service policies are edited in place: a non-number is refused with its range
          // beside the field and nothing is stored; a share off 100 % is noted with the gap;
          // the visits feed the scores' export; the course's defaults come back on request.
          await typeText(s, 'policy-visits-A', '每周一次', { leave: true });
          assert.match(await s.text('policy-error'), /拜访次数\/月须为数字（0–31）/);
          await typeText(s, 'policy-visits-A', '6', { leave: true });
          await s.waitFor(async () => !(await s.has('policy-error')), 5000, 'the error goes once the value is right');
          await typeText(s, 'policy-share-C', '10', { leave: true });
          await s.find('policy-note');
          assert.match(await s.text('policy-note'), /资源占比合计 90%，应为 100%（还差 10%）/);
          await typeText(s, 'policy-support-A', '专人对接，每月生意回顾', { leave: true });
          await s.reload();
          await s.route('#/grading?view=results', 'res-table');
          assert.equal(await s.exec(`return document.querySelector('[data-testid="policy-visits-A"]').value`), '6', 'the visits are stored');
          assert.equal(await s.exec(`return document.querySelector('[data-testid="policy-support-A"]').value`), '专人对接，每月生意回顾');
          const withVisits = (await download(s, 'res-export-csv')).text.trim().split('\r\n').slice(1)
            .map((l) => l.split(',')).filter((r) => r[3] === 'A');
          assert.ok(withVisits.length > 0, 'the workspace has A customers');
          assert.ok(withVisits.every((r) => r[4] === '6'), 'an A customer gets the 6 visits a month');
          await s.screenshot('grading-policies');
          await s.click('policy-reset');
          await s.waitFor(async () => (await s.exec(`return document.querySelector('[data-testid="policy-visits-A"]').value`)) === '4',
            5000, 'the defaults are back');
          assert.ok(!(await s.has('policy-note')), 'the default shares sum to 100%');
        });
      });
    }
  });
}
