// End-to-end tests of the built app (dist/) on Chromium, Firefox and WebKit, each at a desktop
// and a tablet viewport. Run with `node --test tests/e2e/` (scripts/test.sh does, after building).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Key } from 'selenium-webdriver';
import {
  BROWSERS, VIEWPORTS, DIST, startServer, startDriver, withSession, sleep,
} from './harness.mjs';

const TEST_TIMEOUT = 240_000;
const NAV = {
  'nav-data': ['数据', 'Data'],
  'nav-review': ['复盘', 'Review'],
  'nav-targets': ['目标', 'Targets'],
  'nav-grading': ['分级', 'Grading'],
  'nav-jbp': ['JBP', 'JBP'],
  'nav-channel': ['渠道', 'Channel'],
  'nav-workspaces': ['工作区', 'Workspaces'],
};

let server;
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'sandtable-e2e-files-'));

before(async () => {
  server = await startServer(DIST);
});
after(async () => {
  if (server) await server.stop();
  fs.rmSync(scratch, { recursive: true, force: true });
});

// ---- app helpers ----------------------------------------------------------------------------

async function statValue(s, testid) {
  await s.route('#/data', testid);
  const v = await s.waitFor(async () => {
    const raw = await s.attr(testid, 'data-value');
    return raw !== null && /^\d+$/.test(raw) ? raw : false;
  }, 20000, `[data-testid=${testid}] data-value should be an integer string`);
  return Number(v);
}
const statRows = (s) => statValue(s, 'stat-rows');

async function workspaceIds(s) {
  await s.route('#/workspaces', 'ws-item');
  const items = await s.findAll('ws-item');
  return Promise.all(items.map((el) => el.getAttribute('data-id')));
}

// Is this ws-item the current workspace? By class "current" or aria-current when the app marks
// it so; otherwise the current one is the item without an open button.
async function isCurrent(item) {
  const marked = await item.getAttribute('aria-current');
  const cls = (await item.getAttribute('class')) || '';
  if (marked && marked !== 'false') return true;
  if (/\bcurrent\b/.test(cls)) return true;
  return (await item.findElements({ css: '[data-testid="ws-open"]' })).length === 0;
}

async function wsItem(s, id) {
  await s.route('#/workspaces', 'ws-item');
  for (const item of await s.findAll('ws-item')) {
    if ((await item.getAttribute('data-id')) === id) return item;
  }
  throw new Error(`no ws-item with data-id ${id}`);
}

// Makes workspace `id` current (clicking its ws-open unless it already is) and checks it is.
async function openWorkspace(s, id) {
  if (!(await isCurrent(await wsItem(s, id)))) {
    const open = await (await wsItem(s, id)).findElement({ css: '[data-testid="ws-open"]' });
    await open.click();
    await s.waitReady();
  }
  await s.waitFor(async () => isCurrent(await wsItem(s, id)), 20000, `workspace ${id} should become current`);
  await s.waitReady();
}

async function workspaceName(s) {
  return s.text('workspace-name');
}

async function waitName(s, expected, message) {
  await s.waitFor(async () => (await workspaceName(s)) === expected && expected, 10000,
    `${message}: workspace-name should become ${JSON.stringify(expected)}`);
}

// Replaces the text of an input as a user would (select all, type) and presses Enter. Selection
// by script: WebKitWebDriver does not release Control after a Key.chord.
async function typeInto(s, el, text) {
  await s.exec('arguments[0].focus(); arguments[0].select()', el);
  await el.sendKeys(text);
  await el.sendKeys(Key.ENTER);
}

async function waitLang(s, lang) {
  await s.waitFor(() => s.exec('return document.documentElement.lang === arguments[0] && arguments[0]', lang),
    10000, `document.documentElement.lang should become ${lang}`);
}

async function assertNavLabels(s, idx) {
  for (const [testid, labels] of Object.entries(NAV)) {
    assert.equal(await s.label(testid), labels[idx], `[data-testid=${testid}] label`);
  }
}

// Clicks ws-export and returns the exported file { bytes: Buffer, name } as the page built it.
async function exportCurrent(s) {
  await s.route('#/workspaces', 'ws-export');
  const before = await s.exec(`
    if (!window.__e2eExports) {
      window.__e2eExports = [];
      const create = URL.createObjectURL.bind(URL);
      URL.createObjectURL = function (obj) {
        if (obj instanceof Blob) window.__e2eExports.push({ blob: obj, name: null });
        return create(obj);
      };
      const click = HTMLAnchorElement.prototype.click;
      HTMLAnchorElement.prototype.click = function () {
        const last = window.__e2eExports[window.__e2eExports.length - 1];
        if (last && last.name === null && this.hasAttribute('download')) last.name = this.download;
        return click.call(this);
      };
    }
    return window.__e2eExports.length;`);
  await s.click('ws-export');
  await s.waitFor(() => s.exec('return window.__e2eExports.length > arguments[0]', before), 30000,
    'ws-export should create a Blob URL for the download');
  await sleep(200); // the anchor click follows createObjectURL
  const res = await s.execAsync(`
    const e = window.__e2eExports[arguments[0]];
    return new Promise((resolve, reject) => {
      const r = new FileReader();
      r.onload = () => resolve({ data: String(r.result).replace(/^data:[^,]*,/, ''), name: e.name, size: e.blob.size });
      r.onerror = () => reject(r.error);
      r.readAsDataURL(e.blob);
    });`, before);
  const bytes = Buffer.from(res.data, 'base64');
  assert.equal(bytes.length, res.size, 'export read back in full');
  assert.ok(bytes.length > 0, 'export is not empty');
  return { bytes, name: res.name || 'workspace.json' };
}

function writeScratch(name, bytes) {
  const file = path.join(scratch, `${Date.now()}-${Math.random().toString(36).slice(2, 7)}-${name}`);
  fs.writeFileSync(file, bytes);
  return file;
}

// Chooses `file` in ws-import-input (or drops it on ws-dropzone when the engine cannot send a
// path to a file input); waits for import-preview or import-error and returns which appeared.
async function chooseImportFile(s, file) {
  await s.route('#/workspaces', 'ws-import-input');
  const input = await s.find('ws-import-input');
  for (const leftover of ['import-error', 'import-preview']) {
    assert.equal(await s.has(leftover), false, `no ${leftover} is showing before a file is chosen`);
  }
  let sent = false;
  try {
    await input.sendKeys(file);
    sent = true;
  } catch (e) {
    s.note = `sendKeys on file input failed (${e.name}); used drop`;
  }
  if (!sent) {
    const data = fs.readFileSync(file).toString('base64');
    await s.find('ws-dropzone');
    await s.execAsync(`
      const [b64, name] = arguments;
      const bin = atob(b64);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], name));
      const zone = document.querySelector('[data-testid="ws-dropzone"]');
      for (const type of ['dragenter', 'dragover', 'drop']) {
        zone.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt }));
      }`, data, path.basename(file));
  }
  return s.waitFor(async () => {
    if (await s.has('import-error')) return 'error';
    if (await s.has('import-preview')) return 'preview';
    return false;
  }, 30000, `choosing ${path.basename(file)} should show import-preview or import-error`);
}

// Clicks an import button (confirming if the app asks) and waits until the preview closes and
// the app is ready again.
async function finishImport(s, testid) {
  await s.click(testid);
  let confirmed = false;
  await s.waitFor(async () => {
    if (!confirmed && (await s.has('confirm-ok'))) {
      confirmed = true;
      await s.click('confirm-ok');
      return false;
    }
    return !(await s.has('import-preview'));
  }, 30000, `after ${testid}, import-preview should close`);
  await s.waitReady();
}

// Finds the customers list in a parsed export (an array of objects with ids under a key that
// names customers).
function findCustomers(node, depth = 0) {
  if (!node || typeof node !== 'object' || depth > 8) return null;
  for (const [k, v] of Object.entries(node)) {
    if (/customer/i.test(k) && Array.isArray(v) && v.length >= 2
      && v.every((c) => c && typeof c === 'object' && 'id' in c)) return v;
  }
  for (const v of Object.values(node)) {
    const found = findCustomers(v, depth + 1);
    if (found) return found;
  }
  return null;
}

// ---- the tests ------------------------------------------------------------------------------

for (const browser of BROWSERS) {
  describe(browser, () => {
    let driver;
    before(async () => {
      driver = await startDriver(browser);
    });
    after(async () => {
      if (driver) await driver.stop();
    });

    for (const viewport of VIEWPORTS) {
      describe(viewport.name, () => {
        const ctx = {
          browser,
          viewport,
          get driver() { return driver; },
        };
        const it = (name, title, fn) => test(`${name}: ${title}`, { timeout: TEST_TIMEOUT },
          () => withSession(ctx, name, fn));

        it('first-open', 'the demo workspace opens in Chinese', async (s) => {
          await s.open(server.url);
          const inner = await s.exec('return [window.innerWidth, window.innerHeight]');
          assert.deepEqual(inner, [viewport.width, viewport.height], 'inner size matches the viewport');
          assert.match(await workspaceName(s), /演示/, 'demo workspace name');
          assert.equal(await s.exec('return document.documentElement.lang'), 'zh-CN');
          assert.equal(await s.label('nav-data'), '数据');
          const rows = await statRows(s);
          assert.ok(rows > 50000, `stat-rows ${rows} > 50000`);
          const customers = await statValue(s, 'stat-customers');
          assert.ok(customers > 0, `stat-customers ${customers} > 0`);
        });

        it('language', 'switching to English and back persists over reload', async (s) => {
          await s.open(server.url);
          await waitLang(s, 'zh-CN');
          await assertNavLabels(s, 0);
          await s.click('lang-toggle');
          await waitLang(s, 'en');
          await assertNavLabels(s, 1);
          await s.reload();
          await waitLang(s, 'en');
          await assertNavLabels(s, 1);
          await s.click('lang-toggle');
          await waitLang(s, 'zh-CN');
          await assertNavLabels(s, 0);
          await s.reload();
          await waitLang(s, 'zh-CN');
          assert.equal(await s.label('nav-data'), '数据');
        });

        it('rename-undo', 'a rename survives reload; undo and redo work', async (s) => {
          await s.open(server.url);
          const original = await workspaceName(s);
          await s.route('#/workspaces', 'ws-rename-input');
          const input = await s.find('ws-rename-input');
          assert.equal(await input.getAttribute('value'), original, 'rename input holds the current name');
          const renamed = `E2E 改名 ${browser} ${viewport.name}`;
          await typeInto(s, input, renamed);
          await waitName(s, renamed, 'after rename');

          await s.click('undo');
          await waitName(s, original, 'after undo');
          await s.click('redo');
          await waitName(s, renamed, 'after redo');

          await s.reload();
          await waitName(s, renamed, 'after reload');
          await s.route('#/workspaces', 'ws-rename-input');
          assert.equal(await (await s.find('ws-rename-input')).getAttribute('value'), renamed);

          // Keyboard undo (Ctrl+Z) of a second rename, with the focus outside any text field.
          const again = `${renamed} 2`;
          const input2 = await s.find('ws-rename-input');
          await typeInto(s, input2, again);
          await waitName(s, again, 'after second rename');
          await s.exec('document.activeElement && document.activeElement.blur()');
          await s.driver.actions().keyDown(Key.CONTROL).sendKeys('z').keyUp(Key.CONTROL).perform();
          await waitName(s, renamed, 'after Ctrl+Z');
          await s.driver.actions().keyDown(Key.CONTROL).keyDown(Key.SHIFT).sendKeys('z')
            .keyUp(Key.SHIFT).keyUp(Key.CONTROL).perform();
          await waitName(s, again, 'after Ctrl+Shift+Z');
        });

        it('export-import', 'export → import (replace) round-trips byte for byte; import as new', async (s) => {
          await s.open(server.url);
          const rows = await statRows(s);
          const ids = await workspaceIds(s);
          const name = await workspaceName(s);
          const first = await exportCurrent(s);
          const file = writeScratch(first.name, first.bytes);

          assert.equal(await chooseImportFile(s, file), 'preview', 'a fresh export is accepted');
          await finishImport(s, 'import-replace');
          assert.deepEqual(await workspaceIds(s), ids, 'replace keeps the workspace list');
          assert.equal(await statRows(s), rows, 'replace keeps the row count');
          assert.equal(await workspaceName(s), name, 'replace keeps the name');
          const second = await exportCurrent(s);
          assert.ok(first.bytes.equals(second.bytes),
            `export after import is byte-identical (${first.bytes.length} vs ${second.bytes.length} bytes)`);

          // A copy under another name: choosing the very same path twice need not fire `change`.
          const copy = writeScratch(`again-${first.name}`, first.bytes);
          assert.equal(await chooseImportFile(s, copy), 'preview', 'the same export again');
          await finishImport(s, 'import-add');
          const after = await s.waitFor(async () => {
            const now = await workspaceIds(s);
            return now.length === ids.length + 1 && now;
          }, 20000, 'import as new adds one workspace');
          const added = after.filter((id) => !ids.includes(id));
          assert.equal(added.length, 1, 'exactly one new workspace id');
          await openWorkspace(s, added[0]);
          await s.waitReady();
          assert.equal(await statRows(s), rows, 'the new workspace has the same row count');
        });

        it('bad-files', 'bad files are refused and change nothing', async (s) => {
          await s.open(server.url);
          const rows = await statRows(s);
          const ids = await workspaceIds(s);
          const good = await exportCurrent(s);
          const text = good.bytes.toString('utf8');
          let parsed;
          try {
            parsed = JSON.parse(text);
          } catch (e) {
            assert.fail(`the export is not JSON (${e.message}); the bad-file cases assume a JSON export`);
          }
          assert.ok(parsed && typeof parsed === 'object' && 'version' in parsed,
            `the export has a top-level "version" (keys: ${Object.keys(parsed || {}).join(', ')})`);
          const newer = { ...parsed, version: 999 };
          const dup = JSON.parse(text);
          const customers = findCustomers(dup);
          assert.ok(customers, 'the export has a customers array with ids');
          customers[1] = { ...customers[1], id: customers[0].id };
          const depth = 100000;
          const cases = [
            ['not-json', Buffer.from('这不是 JSON, just text\n\u0000\u0001')],
            ['other-format', Buffer.from(JSON.stringify({ type: 'FeatureCollection', features: [] }))],
            ['newer-version', Buffer.from(JSON.stringify(newer))],
            ['truncated', good.bytes.subarray(0, Math.floor(good.bytes.length / 2))],
            ['duplicate-customer-ids', Buffer.from(JSON.stringify(dup))],
            ['deeply-nested', Buffer.from(`{"version":1,"x":${'['.repeat(depth)}${']'.repeat(depth)}}`)],
          ];
          const ext = path.extname(good.name) || '.json';
          for (const [i, [label, bytes]] of cases.entries()) {
            // A fresh page for each file, so no error message is left from the one before.
            if (i > 0) await s.reload();
            const file = writeScratch(`bad-${label}${ext}`, bytes);
            const outcome = await chooseImportFile(s, file);
            assert.equal(outcome, 'error', `${label}: refused with import-error`);
            assert.ok((await s.text('import-error')).length > 0, `${label}: the error has a message`);
            assert.equal(await s.has('import-preview'), false, `${label}: no preview`);
            await s.waitReady();
            assert.deepEqual(await workspaceIds(s), ids, `${label}: workspace list unchanged`);
            assert.equal(await statRows(s), rows, `${label}: stat-rows unchanged`);
          }
          await s.reload();
          assert.deepEqual(await workspaceIds(s), ids, 'stored workspace list unchanged');
          assert.equal(await statRows(s), rows, 'stored stat-rows unchanged');
        });

        it('offline', 'after the first visit the app loads with the server stopped', async (s) => {
          const own = await startServer(DIST);
          let name;
          let rows;
          try {
            await s.open(own.url);
            assert.ok(await s.exec('return "serviceWorker" in navigator'), 'navigator.serviceWorker exists');
            const ready = await s.execAsync(`return Promise.race([
              navigator.serviceWorker.ready.then(() => true),
              new Promise((resolve) => setTimeout(() => resolve(false), 20000)),
            ])`);
            assert.ok(ready, 'a service worker becomes active within 20 s');
            const controlled = () => s.exec('return !!navigator.serviceWorker.controller');
            if (!(await controlled())) {
              await sleep(1000);
              if (!(await controlled())) await s.reload(); // clients.claim() may not be used
            }
            await s.waitFor(controlled, 20000, 'navigator.serviceWorker.controller is set');
            name = await workspaceName(s);
            rows = await statRows(s);
            assert.match(name, /演示/);
          } finally {
            await own.stop();
          }
          // The server is gone: prove it, then reload from the service worker's cache.
          await assert.rejects(fetch(own.url), 'the static server is stopped');
          await s.reload();
          assert.equal(await workspaceName(s), name, 'the workspace shows offline');
          assert.equal(await statRows(s), rows, 'its data shows offline');
        });
      });
    }
  });
}
