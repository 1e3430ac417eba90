'use strict';

// Totals jest's --json reports. A missing report (a run that crashed before writing one) counts as a failure.
const fs = require('node:fs');
const path = require('node:path');

let passed = 0;
let failed = 0;
for (const file of process.argv.slice(2)) {
  if (!fs.existsSync(file)) {
    console.log(`${file}: no report`);
    failed += 1;
    continue;
  }
  const report = JSON.parse(fs.readFileSync(file, 'utf8'));
  const suiteErrors = report.numRuntimeErrorTestSuites || 0;
  console.log(
    `${file}: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${suiteErrors} suites crashed`,
  );
  // Named here because CI keeps only the tail of the log.
  for (const suite of report.testResults) {
    for (const test of suite.assertionResults) {
      if (test.status === 'failed') console.log(`  failed: ${path.relative('.', suite.name)} › ${test.fullName}`);
    }
    if (suite.status === 'failed' && suite.assertionResults.length === 0) {
      console.log(`  crashed: ${path.relative('.', suite.name)}: ${String(suite.message).split('\n')[0]}`);
    }
  }
  passed += report.numPassedTests;
  failed += report.numFailedTests + suiteErrors;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
