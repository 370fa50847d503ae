// A node:test reporter that writes one line of JSON: {"passed":N,"failed":N,"skipped":N},
// counting tests (not suites). A suite that fails for its own reasons (e.g. a `before` hook
// that cannot start the browser driver) counts as one failure. Used by scripts/test.sh.
export default async function* countReporter(source) {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for await (const event of source) {
    const data = event.data || {};
    const isSuite = data.details && data.details.type === 'suite';
    if (event.type === 'test:pass') {
      if (isSuite) continue;
      if (data.skip || data.todo) skipped += 1;
      else passed += 1;
    } else if (event.type === 'test:fail') {
      const kind = data.details && data.details.error && data.details.error.failureType;
      if (isSuite && kind === 'subtestsFailed') continue;
      if (data.todo) skipped += 1;
      else failed += 1;
    }
  }
  yield `${JSON.stringify({ passed, failed, skipped })}\n`;
}
