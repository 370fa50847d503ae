#!/usr/bin/env node
// Load-time benchmark of the release build: `node scripts/bench-web.mjs [runs]` (default 5).
// Serves dist/ (build it first: trunk build --release, or scripts/serve.sh), opens headless
// Chromium with a fresh profile for each run, and reads the time from navigation start to the
// app's `sandtable-ready` performance mark (set when the first page is rendered; on the first
// run of a fresh profile that includes creating the demo workspace). Prints a markdown table.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { DIST, startServer, startDriver, Session, sleep } from '../tests/e2e/harness.mjs';

const RUNS = Number(process.argv[2] || 5);
const VIEWPORT = { name: 'desktop', width: 1280, height: 800 };
const MARK_TIMEOUT_MS = 120000;

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const kb = (n) => `${(n / 1000).toFixed(1)} KB`;

// Every .wasm and .js of the build (ECharts apart), the app's directory app-<hash>/ included,
// each marked as part of the first load or not (as scripts/test.sh counts it).
function assetSizes() {
  const rows = [];
  const names = [];
  for (const entry of fs.readdirSync(DIST, { withFileTypes: true })) {
    if (entry.isDirectory() && entry.name.startsWith('app-')) {
      for (const f of fs.readdirSync(path.join(DIST, entry.name))) names.push(`${entry.name}/${f}`);
    } else if (entry.isFile()) {
      names.push(entry.name);
    }
  }
  for (const name of names.sort()) {
    if (!/\.(wasm|js)$/.test(name) || name.startsWith('echarts')) continue;
    const bytes = fs.readFileSync(path.join(DIST, name));
    const first = name.startsWith('app-') && !/\/(split_|chunk_)/.test(name);
    rows.push({ name, first, raw: bytes.length, gzip: zlib.gzipSync(bytes, { level: 9 }).length });
  }
  return rows;
}

async function oneRun(driverUrl, url) {
  const s = await Session.open('chromium', driverUrl, VIEWPORT);
  try {
    await s.driver.get(url);
    const deadline = Date.now() + MARK_TIMEOUT_MS;
    for (;;) {
      const t = await s.exec(`const m = performance.getEntriesByName("sandtable-ready")[0];
        return m ? m.startTime : null`);
      if (t !== null) return t;
      if (Date.now() > deadline) throw new Error(`no "sandtable-ready" mark after ${MARK_TIMEOUT_MS} ms`);
      await sleep(50);
    }
  } finally {
    await s.close();
  }
}

const server = await startServer(DIST);
const driver = await startDriver('chromium');
const times = [];
try {
  for (let i = 0; i < RUNS; i++) {
    const t = await oneRun(driver.url, server.url);
    times.push(t);
    process.stderr.write(`run ${i + 1}/${RUNS}: ${t.toFixed(0)} ms\n`);
  }
} finally {
  await driver.stop();
  await server.stop();
}

function echartsRow() {
  const f = path.join(DIST, 'echarts.min.js');
  if (!fs.existsSync(f)) return [];
  const bytes = fs.readFileSync(f);
  const gz = zlib.gzipSync(bytes, { level: 9 }).length;
  return [`| echarts.min.js (not in the budget), gzip -9 (raw) | ${kb(gz)} (${kb(bytes.length)}) |`];
}

const sizes = assetSizes();
const sum = (k, f) => sizes.filter(f).reduce((a, r) => a + r[k], 0);
const isWasm = (r) => r.first && r.name.endsWith('.wasm');
const isJs = (r) => r.first && r.name.endsWith('.js');
const lines = [
  `Sandtable web benchmark — headless Chromium, ${VIEWPORT.width}×${VIEWPORT.height}, fresh profile, ${RUNS} runs`,
  '',
  '| metric | value |',
  '|---|---|',
  `| navigation start → \`sandtable-ready\`, median | ${median(times).toFixed(0)} ms |`,
  `| navigation start → \`sandtable-ready\`, max | ${Math.max(...times).toFixed(0)} ms |`,
  `| first load .wasm, gzip -9 (raw) | ${kb(sum('gzip', isWasm))} (${kb(sum('raw', isWasm))}) |`,
  `| first load .js without ECharts, gzip -9 (raw) | ${kb(sum('gzip', isJs))} (${kb(sum('raw', isJs))}) |`,
  ...echartsRow(),
  '',
  '| file | raw | gzip -9 | first load |',
  '|---|---:|---:|---|',
  ...sizes.map((r) => `| ${r.name} | ${kb(r.raw)} | ${kb(r.gzip)} | ${r.first ? 'yes' : 'no'} |`),
];
console.log(lines.join('\n'));
