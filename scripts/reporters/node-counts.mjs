// A node:test reporter that counts leaf tests (not suites) and writes nothing but the JSON
// totals, so scripts/test.mjs can add them to the other suites' counts.
// A test file that cannot load is reported by node:test as a failed test named after the file,
// so it is counted as a failure here too.
export default async function* nodeCounts(source) {
  const counts = { passed: 0, failed: 0, skipped: 0 };
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const { data } = event;
    if (data.details?.type === 'suite' && event.type === 'test:pass') continue;
    if (data.skip !== undefined || data.todo !== undefined) counts.skipped += 1;
    else if (event.type === 'test:pass') counts.passed += 1;
    else if (data.details?.type !== 'suite' || data.details?.error?.failureType !== 'subtestsFailed') {
      // A suite fails when one of its tests fails; count the test, not the suite again.
      counts.failed += 1;
    }
  }
  yield JSON.stringify(counts);
}
