'use strict';

// Totals jest's --json reports. A missing report (a run that crashed before writing one) counts as a failure.
const fs = require('node:fs');

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
  passed += report.numPassedTests;
  failed += report.numFailedTests + suiteErrors;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
