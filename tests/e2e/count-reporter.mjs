// A node:test reporter that writes one line of JSON: {"passed":N,"failed":N,"skipped":N},
// counting tests, not suites. A suite that fails with no failed test inside it (e.g. its
// `before` hook could not start the browser driver, so its tests never ran) counts as one
// failure. Used by scripts/test.sh.
export default async function* countReporter(source) {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  // failedWithin[n]: failures counted inside the suite currently open at nesting n - 1.
  const failedWithin = [];
  const add = (level, n) => { failedWithin[level] = (failedWithin[level] || 0) + n; };
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const data = event.data || {};
    const level = data.nesting || 0;
    if (data.details && data.details.type === 'suite') {
      const inner = failedWithin[level + 1] || 0;
      failedWithin[level + 1] = 0;
      let own = 0;
      if (event.type === 'test:fail' && inner === 0) {
        failed += 1;
        own = 1;
      }
      add(level, inner + own);
    } else if (event.type === 'test:pass') {
      if (data.skip || data.todo) skipped += 1;
      else passed += 1;
    } else if (data.todo) {
      skipped += 1;
    } else {
      failed += 1;
      add(level, 1);
    }
  }
  yield `${JSON.stringify({ passed, failed, skipped })}\n`;
}
