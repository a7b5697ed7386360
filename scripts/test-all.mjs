#!/usr/bin/env node
// Runs every test suite in the repo and ends with one line `N passed, N failed, N skipped`,
// summed from the JSON reports each runner writes under reports/ (vitest's json reporter,
// our web-test-runner reporter). Exits non-zero if any suite failed or any report is missing.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const reportDir = process.env.XINQIAO_REPORT_DIR ?? join(root, 'reports');
rmSync(reportDir, { recursive: true, force: true });
mkdirSync(reportDir, { recursive: true });

const env = {
  ...process.env,
  XINQIAO_REPORT_DIR: reportDir,
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
  PUPPETEER_SKIP_DOWNLOAD: '1',
};

function run(args) {
  console.log(`\n$ pnpm ${args.join(' ')}`);
  return spawnSync('pnpm', args, { cwd: root, env, stdio: 'inherit' }).status ?? 1;
}

// Suites that start servers and browsers share 2 cores: one at a time, each on port 0.
const statuses = [
  run(['exec', 'turbo', 'run', 'build']),
  run(['exec', 'turbo', 'run', 'test', '--concurrency=1', '--continue']),
  run(['exec', 'turbo', 'run', 'e2e', '--concurrency=1', '--continue']),
];

const totals = { passed: 0, failed: 0, skipped: 0 };
const suites = [];
// Runners' JSON reports only (the e2e suite also keeps its screenshots under reports/).
const reportFiles = readdirSync(reportDir).filter(
  (f) => f.endsWith('.vitest.json') || f.endsWith('.wtr.json'),
);
for (const file of reportFiles.sort()) {
  const report = JSON.parse(readFileSync(join(reportDir, file), 'utf8'));
  let counts;
  if (file.endsWith('.vitest.json')) {
    counts = {
      passed: report.numPassedTests,
      failed: report.numFailedTests,
      skipped: report.numPendingTests + report.numTodoTests,
    };
    // A suite file that failed to load has no tests but must still count as a failure.
    counts.failed += report.testResults.filter(
      (r) => r.status === 'failed' && r.assertionResults.length === 0,
    ).length;
  } else if (file.endsWith('.wtr.json')) {
    counts = { passed: report.passed, failed: report.failed, skipped: report.skipped };
  } else continue;
  suites.push(
    `${file.replace(/\.json$/, '')}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`,
  );
  for (const k of Object.keys(totals)) totals[k] += counts[k];
}

console.log('\nSuites:');
for (const s of suites) console.log(`  ${s}`);
const broken = statuses.some((s) => s !== 0);
if (broken && totals.failed === 0) {
  // A runner crashed before writing a report: count it, so the line never claims a clean run.
  totals.failed += 1;
  console.log(
    '  (a test run exited non-zero without reporting a failed test; counted as one failure)',
  );
}
if (suites.length === 0) console.log('  no test report was written');
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(broken || totals.failed > 0 || suites.length === 0 ? 1 : 0);
