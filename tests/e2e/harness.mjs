// The end-to-end harness: static server, WebDriver driver processes, browser sessions with a
// fresh profile, viewports, readiness, page-error checks and screenshots.
//
// Environment:
//   E2E_BROWSERS          comma list of chromium,firefox,webkit (default: all three)
//   E2E_VIEWPORTS         comma list of desktop,tablet (default: both)
//   E2E_DIST              directory to serve (default: <repo>/dist)
//   E2E_READY_TIMEOUT_MS  how long to wait for data-ready="true" (default: 20000)
//   GECKODRIVER           path to geckodriver (default: $CARGO_HOME/bin/geckodriver, then PATH)
//   E2E_DEBUG=1           driver and server output on stderr

import { spawn, execFileSync } from 'node:child_process';
import { createServer } from 'node:net';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Builder, By, until } from 'selenium-webdriver';

export { By, until };

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, '..', '..');
export const ARTIFACTS = path.join(here, 'artifacts');
export const DIST = path.resolve(process.env.E2E_DIST || path.join(ROOT, 'dist'));
export const READY_TIMEOUT = Number(process.env.E2E_READY_TIMEOUT_MS || 20000);
const DEBUG = process.env.E2E_DEBUG === '1';

export const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'tablet', width: 768, height: 1024 },
].filter((v) => listEnv('E2E_VIEWPORTS', ['desktop', 'tablet']).includes(v.name));

export const BROWSERS = listEnv('E2E_BROWSERS', ['chromium', 'firefox', 'webkit']);
for (const b of BROWSERS) {
  if (!['chromium', 'firefox', 'webkit'].includes(b)) {
    throw new Error(`E2E_BROWSERS: unknown browser "${b}" (use chromium, firefox, webkit)`);
  }
}

const CHROMIUM_BIN = '/usr/bin/chromium';
const CHROMEDRIVER_BIN = '/usr/bin/chromedriver';
const WEBKITDRIVER_BIN = '/usr/bin/WebKitWebDriver';
const MINIBROWSER_BIN = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

function listEnv(name, dflt) {
  const v = process.env[name];
  if (!v || !v.trim()) return dflt;
  return v.split(',').map((s) => s.trim()).filter(Boolean);
}

function which(cmd) {
  try {
    return execFileSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

function geckodriverPath() {
  if (process.env.GECKODRIVER) return process.env.GECKODRIVER;
  const cargoBin = path.join(process.env.CARGO_HOME || path.join(os.homedir(), '.cargo'), 'bin');
  const p = path.join(cargoBin, 'geckodriver');
  return fs.existsSync(p) ? p : which('geckodriver');
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export async function freePort() {
  const srv = createServer();
  srv.listen(0, '127.0.0.1');
  await once(srv, 'listening');
  const { port } = srv.address();
  srv.close();
  await once(srv, 'close');
  return port;
}

// Process groups still running; killed when this process exits, whatever the reason (a test
// file whose `after` hooks never run must not leave servers or browsers behind).
const running = new Set();
process.on('exit', () => {
  for (const pid of running) {
    try { process.kill(-pid, 'SIGKILL'); } catch { /* gone */ }
  }
});

// Starts a detached child (its own process group, so the whole tree can be stopped) and
// returns { proc, stop(), output() }. Output is kept (last 64 KB) for error messages. The
// child does not keep Node alive on its own.
function startProcess(cmd, args, label) {
  const proc = spawn(cmd, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(proc.pid);
  proc.unref();
  proc.stdout.unref();
  proc.stderr.unref();
  let out = '';
  const keep = (chunk) => {
    out = (out + chunk.toString()).slice(-65536);
    if (DEBUG) process.stderr.write(`[${label}] ${chunk}`);
  };
  proc.stdout.on('data', keep);
  proc.stderr.on('data', keep);
  let exited = false;
  const exitedP = new Promise((resolve) => proc.on('exit', () => {
    exited = true;
    running.delete(proc.pid);
    resolve();
  }));
  proc.on('error', (e) => { out += `\nspawn error: ${e.message}`; exited = true; });
  return {
    proc,
    output: () => out,
    exited: () => exited,
    async stop() {
      if (exited) return;
      try { process.kill(-proc.pid, 'SIGTERM'); } catch { /* already gone */ }
      const t = setTimeout(() => { try { process.kill(-proc.pid, 'SIGKILL'); } catch { /* gone */ } }, 3000);
      await exitedP;
      clearTimeout(t);
    },
  };
}

// Serves `dir` with scripts/static-server.py on a free port of 127.0.0.1.
export async function startServer(dir = DIST) {
  if (!fs.existsSync(path.join(dir, 'index.html'))) {
    throw new Error(`${dir}/index.html not found: build the app first (trunk build --release)`);
  }
  const p = startProcess('python3', [path.join(ROOT, 'scripts', 'static-server.py'), dir, '0'], 'server');
  const rl = createInterface({ input: p.proc.stdout });
  let timer;
  const url = await Promise.race([
    new Promise((resolve) => rl.once('line', resolve)),
    new Promise((resolve) => { timer = setTimeout(() => resolve(null), 10000); }),
  ]);
  clearTimeout(timer);
  rl.close();
  if (!url || !url.startsWith('http://')) {
    await p.stop();
    throw new Error(`static server did not start: ${p.output()}`);
  }
  return { url, stop: () => p.stop() };
}

async function waitForDriver(url, p, label) {
  const deadline = Date.now() + 20000;
  while (Date.now() < deadline) {
    if (p.exited()) throw new Error(`${label} exited early:\n${p.output()}`);
    try {
      const res = await fetch(`${url}/status`);
      if (res.ok) return;
    } catch { /* not listening yet */ }
    await sleep(200);
  }
  throw new Error(`${label} did not answer on ${url}/status within 20 s:\n${p.output()}`);
}

// Starts the WebDriver server for `browser` on a free port; returns { url, stop(), restart() }.
// `restart()` replaces a driver that stopped answering with a fresh one (its `url` changes).
export async function startDriver(browser) {
  const handle = { url: null, stop: null, output: null, restart: null };
  const launch = async () => {
    const { url, p } = await launchDriver(browser);
    handle.url = url;
    handle.stop = () => p.stop();
    handle.output = p.output;
  };
  handle.restart = async () => {
    await handle.stop();
    await launch();
  };
  await launch();
  return handle;
}

async function launchDriver(browser) {
  const port = await freePort();
  let p;
  if (browser === 'chromium') {
    requireFile(CHROMEDRIVER_BIN, 'chromium-driver (scripts/setup.sh --browsers)');
    requireFile(CHROMIUM_BIN, 'chromium (scripts/setup.sh --browsers)');
    p = startProcess(CHROMEDRIVER_BIN, [`--port=${port}`, '--allowed-ips=127.0.0.1'], 'chromedriver');
  } else if (browser === 'firefox') {
    const gd = geckodriverPath();
    if (!gd) throw new Error('geckodriver not found (scripts/setup.sh --browsers)');
    if (!firefoxBinary()) throw new Error('firefox-esr not found (scripts/setup.sh --browsers)');
    p = startProcess(gd, ['--host', '127.0.0.1', '--port', String(port)], 'geckodriver');
  } else {
    requireFile(WEBKITDRIVER_BIN, 'webkit2gtk-driver (scripts/setup.sh --browsers)');
    requireFile(MINIBROWSER_BIN, 'webkit2gtk MiniBrowser (scripts/setup.sh --browsers)');
    if (!which('xvfb-run')) throw new Error('xvfb-run not found (scripts/setup.sh --browsers)');
    // MiniBrowser has no headless mode: it needs an X display. A screen larger than the
    // largest viewport so window sizes are never clamped.
    p = startProcess('xvfb-run', ['-a', '-s', '-screen 0 1920x1440x24', WEBKITDRIVER_BIN, `--port=${port}`],
      'webkitdriver');
  }
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForDriver(url, p, browser + ' driver');
  } catch (e) {
    await p.stop();
    throw e;
  }
  return { url, p };
}

function requireFile(f, hint) {
  if (!fs.existsSync(f)) throw new Error(`${f} not found: install ${hint}`);
}

function firefoxBinary() {
  return ['/usr/bin/firefox-esr', '/usr/lib/firefox-esr/firefox-esr'].find((f) => fs.existsSync(f))
    || which('firefox-esr');
}

const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-dev-shm-usage', '--disable-search-engine-choice-screen', '--no-default-browser-check',
];

function capabilitiesFor(browser, viewport, downloadDir) {
  if (browser === 'chromium') {
    return {
      browserName: 'chrome',
      'goog:chromeOptions': {
        binary: CHROMIUM_BIN,
        args: [...CHROMIUM_ARGS, `--window-size=${viewport.width},${viewport.height}`],
        prefs: {
          'download.default_directory': downloadDir,
          'download.prompt_for_download': false,
        },
      },
      'goog:loggingPrefs': { browser: 'ALL' },
    };
  }
  if (browser === 'firefox') {
    return {
      browserName: 'firefox',
      'moz:firefoxOptions': {
        binary: firefoxBinary(),
        args: ['-headless', `--width=${viewport.width}`, `--height=${viewport.height}`],
        prefs: {
          'browser.download.folderList': 2,
          'browser.download.dir': downloadDir,
          'browser.download.useDownloadDir': true,
          'browser.download.always_ask_before_handling_new_types': false,
          'browser.download.alwaysOpenPanel': false,
          'browser.shell.checkDefaultBrowser': false,
          'datareporting.policy.dataSubmissionEnabled': false,
          'app.update.enabled': false,
        },
      },
    };
  }
  return {
    browserName: 'MiniBrowser',
    'webkitgtk:browserOptions': { binary: MINIBROWSER_BIN, args: ['--automation'] },
  };
}

// Resizes the window until the page's inner size is the viewport (window chrome differs per
// engine), then checks innerWidth and innerHeight exactly.
export async function setViewport(driver, viewport) {
  const win = driver.manage().window();
  let inner;
  for (let i = 0; i < 4; i++) {
    inner = await driver.executeScript('return [window.innerWidth, window.innerHeight]');
    if (inner[0] === viewport.width && inner[1] === viewport.height) return inner;
    const rect = await win.getRect();
    await win.setRect({
      x: 0,
      y: 0,
      width: rect.width + (viewport.width - inner[0]),
      height: rect.height + (viewport.height - inner[1]),
    });
    await sleep(150);
  }
  inner = await driver.executeScript('return [window.innerWidth, window.innerHeight]');
  if (inner[0] !== viewport.width || inner[1] !== viewport.height) {
    throw new Error(`could not set the ${viewport.name} viewport: inner size ${inner[0]}×${inner[1]},`
      + ` wanted ${viewport.width}×${viewport.height}`);
  }
  return inner;
}

// One browser session with a fresh profile (so IndexedDB, localStorage and the service worker
// start empty) at one viewport. Collects page errors across reloads.
export class Session {
  constructor(browser, viewport, driver, downloadDir) {
    this.browser = browser;
    this.viewport = viewport;
    this.driver = driver;
    this.downloadDir = downloadDir;
    this.errors = [];
    this.allowConsole = [];
    this.inFlight = new Set();
  }

  // The oldest WebDriver command still waiting for the browser, if it has waited over `ms`.
  stalledCommand(ms) {
    const now = Date.now();
    for (const c of this.inFlight) if (now - c.since > ms) return c;
    return null;
  }

  static async open(browser, driverUrl, viewport) {
    const downloadDir = fs.mkdtempSync(path.join(os.tmpdir(), `sandtable-e2e-${browser}-`));
    // A new session (the browser starting) that never comes back counts as a stall too.
    let timer;
    const driver = await Promise.race([
      new Builder()
        .usingServer(driverUrl)
        .withCapabilities(capabilitiesFor(browser, viewport, downloadDir))
        .build(),
      new Promise((_, reject) => {
        timer = setTimeout(() => {
          const e = new Error(`the browser stopped answering: no new ${browser} session in ${STALL_MS / 1000} s`);
          e.stalled = true;
          reject(e);
        }, STALL_MS);
      }),
    ]).finally(() => clearTimeout(timer));
    const s = new Session(browser, viewport, driver, downloadDir);
    // Every WebDriver command goes through `execute`: remember the one in flight, so a browser
    // that stops answering is noticed (see STALL_MS) and named.
    const execute = driver.execute.bind(driver);
    driver.execute = (command) => {
      const entry = { name: command.getName(), since: Date.now() };
      s.inFlight.add(entry);
      return execute(command).finally(() => s.inFlight.delete(entry));
    };
    try {
      await driver.manage().setTimeouts({ script: 60000, pageLoad: 60000, implicit: 0 });
      await setViewport(driver, viewport);
    } catch (e) {
      await s.close();
      throw e;
    }
    return s;
  }

  exec(script, ...args) {
    return this.driver.executeScript(script, ...args);
  }

  // Runs an async function body in the page: `body` may use `arguments` and must return a
  // promise-compatible value. Errors come back as thrown Error.
  async execAsync(body, ...args) {
    const res = await this.driver.executeAsyncScript(
      `const done = arguments[arguments.length - 1];
       const args = Array.prototype.slice.call(arguments, 0, -1);
       Promise.resolve().then(() => (function () { ${body} }).apply(null, args))
         .then((v) => done({ ok: v }), (e) => done({ err: String(e && e.stack || e) }));`,
      ...args,
    );
    if (res && 'err' in res) throw new Error(`in page: ${res.err}`);
    return res ? res.ok : undefined;
  }

  // Navigates to the app and waits for it to be ready.
  async open(url) {
    await this.driver.get(url);
    await this.waitReady();
  }

  async waitReady(timeout = READY_TIMEOUT) {
    try {
      await this.driver.wait(
        () => this.exec('return document.documentElement.dataset.ready === "true"'),
        timeout,
      );
    } catch (e) {
      const errs = await this.exec('return window.__sandtableErrors || null').catch(() => null);
      throw new Error(
        `app not ready (data-ready="true") within ${timeout} ms on ${this.browser}-${this.viewport.name}` +
        (errs && errs.length ? `; page errors: ${JSON.stringify(errs)}` : '') + ` (${e.message})`,
      );
    }
  }

  // Keeps the errors of the current document before it goes away.
  async collectErrors() {
    const errs = await this.exec('return window.__sandtableErrors === undefined ? null : window.__sandtableErrors');
    if (errs === null) {
      this.errors.push('window.__sandtableErrors is missing: index.html must install the error collector');
    } else {
      this.errors.push(...errs.map(String));
    }
    if (this.browser === 'chromium') {
      // Chromium also reports what the page cannot see (failed loads, CSP, etc.).
      const entries = await this.driver.manage().logs().get('browser').catch(() => []);
      for (const e of entries) {
        if (e.level.name === 'SEVERE' && !this.allowConsole.some((re) => re.test(e.message))) {
          this.errors.push(`chromium console: ${e.message}`);
        }
      }
    }
    await this.exec('if (Array.isArray(window.__sandtableErrors)) window.__sandtableErrors.length = 0');
  }

  // Reloads as a user does (location.reload()). Not WebDriver's refresh: in Firefox that
  // bypasses the service worker, so an offline reload would fail there for the wrong reason.
  async reload({ settleMs = 1000 } = {}) {
    // Give write-behind storage (IndexedDB) a moment: the tests check what a user would see
    // after reloading, not a tab killed within milliseconds of an edit.
    await sleep(settleMs);
    await this.collectErrors();
    await this.exec('window.__e2eBeforeReload = true; setTimeout(() => location.reload(), 0)');
    await this.waitFor(
      () => this.exec('return !window.__e2eBeforeReload && document.readyState !== "loading"')
        .catch(() => false),
      30000, 'the page should reload',
    );
    await this.waitReady();
  }

  // Goes to a hash route (e.g. "#/workspaces") and waits for `testid` to be present.
  async route(hash, testid) {
    await this.exec('if (location.hash !== arguments[0]) location.hash = arguments[0]', hash);
    if (testid) await this.find(testid);
    await this.waitReady();
  }

  async find(testid, timeout = 10000) {
    const by = By.css(`[data-testid="${testid}"]`);
    try {
      return await this.driver.wait(until.elementLocated(by), timeout);
    } catch (e) {
      throw new Error(`[data-testid=${testid}] not found within ${timeout} ms (${e.message})`);
    }
  }

  async findAll(testid) {
    return this.driver.findElements(By.css(`[data-testid="${testid}"]`));
  }

  async has(testid) {
    return (await this.findAll(testid)).length > 0;
  }

  async click(testid) {
    const el = await this.find(testid);
    await this.driver.wait(until.elementIsVisible(el), 10000);
    await this.exec('arguments[0].scrollIntoView({block: "center"})', el);
    await el.click();
    return el;
  }

  // textContent (not the rendered text): also right when a menu is collapsed at tablet width.
  // Read in one script, so a re-render between finding and reading cannot go stale.
  async text(testid, timeout = 10000) {
    return this.waitFor(
      () => this.exec(`const e = document.querySelector('[data-testid="${testid}"]');
        return e ? e.textContent.trim() : null`).then((t) => (t === null ? false : { t })),
      timeout, `[data-testid=${testid}] should exist`,
    ).then((r) => r.t);
  }

  // The label of a nav item or button: its first non-empty text node (a nav item may carry a
  // sub-title after its label).
  async label(testid, timeout = 10000) {
    return this.waitFor(
      () => this.exec(`const e = document.querySelector('[data-testid="${testid}"]');
        if (!e) return false;
        const w = document.createTreeWalker(e, NodeFilter.SHOW_TEXT);
        for (let n = w.nextNode(); n; n = w.nextNode()) {
          if (n.data.trim()) return { t: n.data.trim() };
        }
        return { t: '' };`),
      timeout, `[data-testid=${testid}] should exist`,
    ).then((r) => r.t);
  }

  // An attribute of the first [data-testid=...] element (null when the attribute is absent).
  async attr(testid, name, timeout = 10000) {
    return this.waitFor(
      () => this.exec(`const e = document.querySelector('[data-testid="${testid}"]');
        return e ? { v: e.getAttribute(arguments[0]) } : false`, name),
      timeout, `[data-testid=${testid}] should exist`,
    ).then((r) => r.v);
  }

  async waitFor(fn, timeout, message) {
    let last;
    try {
      return await this.driver.wait(async () => {
        last = await fn();
        return last;
      }, timeout);
    } catch (e) {
      throw new Error(`${message} (waited ${timeout} ms; last: ${JSON.stringify(last)})`);
    }
  }

  async screenshot(name) {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    const file = path.join(ARTIFACTS, `${this.browser}-${this.viewport.name}-${name}.png`);
    fs.writeFileSync(file, Buffer.from(await this.driver.takeScreenshot(), 'base64'));
    return file;
  }

  async close() {
    await Promise.race([this.driver.quit().catch(() => {}), sleep(15000)]);
    fs.rmSync(this.downloadDir, { recursive: true, force: true });
  }
}

// Runs `body(session)` in a fresh session; afterwards saves a screenshot, and fails if the
// page recorded any error (even when `body` passed).
//
// Two guards for WebKit (WebKitGTK under WebKitWebDriver), each printed as a RETRY line that
// scripts/test.sh counts in its summary, and each allowing one more run in a fresh session:
// - the failure seen before the app had its own executor (src/executor.rs): after a reload the
//   page died with "RefCell already borrowed" in js-sys's task queue, then "Unreachable code" /
//   "Out of bounds memory access";
// - a WebDriver command the browser never answers (seen once in CI: a whole test waited out its
//   timeout). The driver is restarted before the second run.
// Any other failure, a stall on another browser, and a second failure fail the test as usual.
const WEBKIT_EXECUTOR_PANIC = /RefCell already borrowed|Unreachable code should not be executed|Out of bounds memory access/;
// No single WebDriver command waits this long on its own: page loads and async scripts time out
// after 60 s (Session.open).
const STALL_MS = Number(process.env.E2E_STALL_MS || 90000);

export async function withSession(ctx, name, body) {
  try {
    await withSessionOnce(ctx, name, body);
  } catch (e) {
    const message = String(e && e.message);
    const panic = WEBKIT_EXECUTOR_PANIC.test(message);
    if (e && e.stalled && ctx.driver.restart) await ctx.driver.restart();
    if (ctx.browser !== 'webkit' || !(panic || (e && e.stalled))) throw e;
    const why = panic
      ? `known WebKit executor panic: ${message.split('\n').find((l) => WEBKIT_EXECUTOR_PANIC.test(l)) || ''}`
      : message.split('\n')[0];
    console.log(`# RETRY webkit-${ctx.viewport.name} ${name}: ${why}`);
    await withSessionOnce(ctx, name, body);
  }
}

async function withSessionOnce(ctx, name, body) {
  const s = await Session.open(ctx.browser, ctx.driver.url, ctx.viewport);
  let failure = null;
  let watchdog;
  const stalled = new Promise((_, reject) => {
    watchdog = setInterval(() => {
      const c = s.stalledCommand(STALL_MS);
      if (!c) return;
      const e = new Error(`the browser stopped answering: WebDriver command ${c.name} got no reply in ${STALL_MS / 1000} s`);
      e.stalled = true;
      reject(e);
    }, 1000);
  });
  try {
    await Promise.race([body(s), stalled]);
  } catch (e) {
    failure = e;
  } finally {
    clearInterval(watchdog);
  }
  if (!(failure && failure.stalled)) {
    try {
      await sleep(300); // let charts settle a little for the screenshot
      await s.screenshot(name);
    } catch (e) {
      if (!failure) failure = new Error(`screenshot failed: ${e.message}`);
    }
    try {
      await s.collectErrors();
    } catch (e) {
      if (!failure) failure = new Error(`could not read page errors: ${e.message}`);
    }
  }
  await s.close();
  if (s.errors.length) {
    const msg = `page errors on ${ctx.browser}-${ctx.viewport.name}:\n  ${s.errors.join('\n  ')}`;
    if (failure) failure.message += `\n${msg}`;
    else failure = new Error(msg);
  }
  if (failure) throw failure;
}

// The value of an attribute (data-value unless named) of [data-testid=...], once it has one.
export async function dataValue(s, testid, attr = 'data-value') {
  return s.waitFor(async () => {
    const v = await s.attr(testid, attr);
    return v !== null ? { v } : false;
  }, 10000, `[data-testid=${testid}] should have ${attr}`).then((r) => r.v);
}

// Types into a field as a user does: clears it, sends the text, then leaves it (Tab), so a
// field that reads on change sees the text too.
export async function typeText(s, testidOrElement, text, { leave = false } = {}) {
  const el = typeof testidOrElement === 'string' ? await s.find(testidOrElement) : testidOrElement;
  await s.exec('arguments[0].scrollIntoView({block: "center"})', el);
  await el.clear();
  await el.sendKeys(leave ? `${text}\uE004` : text);
  return el;
}

// Clicks `testid` and returns the file the page handed to the browser as a Blob download:
// { name, bytes } (every engine, including WebKit, whose WebDriver keeps no download folder).
export async function downloadBlob(s, testid) {
  await s.exec(`
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
    }`);
  const before = await s.exec('return window.__e2eExports.length');
  await s.click(testid);
  await s.waitFor(() => s.exec('return window.__e2eExports.length > arguments[0]', before), 20000,
    `${testid} should start a download`);
  await sleep(200);
  const res = await s.execAsync(`
    const e = window.__e2eExports[arguments[0]];
    return e.blob.arrayBuffer().then((buf) => {
      const bytes = new Uint8Array(buf);
      let bin = '';
      for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
      return { base64: btoa(bin), name: e.name };
    });`, before);
  return { name: res.name, bytes: Buffer.from(res.base64, 'base64') };
}

// Time from a change of a split control to the next frame after the split table changed
// (recompute + repaint); -1 if it did not change within 5 s.
export function splitRepaint(s, testid, value) {
  return s.execAsync(`
    const sel = document.querySelector('[data-testid="' + arguments[0] + '"]');
    const table = () => document.querySelector('[data-testid="tg-split-table"]');
    const before = table().textContent;
    return new Promise((resolve) => {
      const t0 = performance.now();
      sel.value = arguments[1];
      sel.dispatchEvent(new Event('change', { bubbles: true }));
      const poll = () => {
        if (table() && table().textContent !== before) {
          requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0));
        } else if (performance.now() - t0 > 5000) resolve(-1);
        else requestAnimationFrame(poll);
      };
      poll();
    });`, testid, value);
}
