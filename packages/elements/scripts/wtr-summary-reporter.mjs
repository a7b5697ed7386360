// web-test-runner reporter: writes `{ passed, failed, skipped }` counted per test (tests nested in
// suites included) to <dir>/<name>.wtr.json, where <dir> is $XINQIAO_REPORT_DIR or <repo>/reports.
// CI sums these files with the vitest JSON reports for its closing "N passed, N failed" line.
//
// A test file that fails outside any test (an import that throws, an error after the tests, a
// browser that crashed) has no failing test to count, so it counts as one failed test: a broken
// file must never look green in the sum. The exit code stays web-test-runner's own (non-zero on
// any failure); this reporter only writes the file.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/**
 * @param {import('@web/test-runner').TestSuiteResult | undefined} suite
 * @param {string[]} path suite names leading to `suite`
 * @param {(test: import('@web/test-runner').TestResult, path: string[]) => void} visit
 */
function walk(suite, path, visit) {
  if (!suite) return;
  for (const test of suite.tests) visit(test, path);
  for (const child of suite.suites) walk(child, [...path, child.name], visit);
}

/**
 * Counts the sessions of one run (exported for the reporter's own test, and for reuse).
 * @param {import('@web/test-runner').TestSession[]} sessions
 */
export function summarize(sessions, cwd = process.cwd()) {
  const summary = { passed: 0, failed: 0, skipped: 0, files: 0, failures: [] };
  for (const session of sessions) {
    summary.files += 1;
    const file = relative(cwd, session.testFile);
    let failedTests = 0;
    walk(session.testResults, [], (test, path) => {
      if (test.skipped) summary.skipped += 1;
      else if (test.passed) summary.passed += 1;
      else {
        summary.failed += 1;
        failedTests += 1;
        summary.failures.push({
          file,
          browser: session.browser.name,
          test: [...path, test.name].join(' › '),
          message: test.error?.message ?? 'failed',
        });
      }
    });
    if (session.passed === false && failedTests === 0) {
      summary.failed += 1;
      summary.failures.push({
        file,
        browser: session.browser.name,
        test: '(test file error)',
        message:
          session.errors.map((e) => e.message).join('\n') ||
          (session.request404s.length
            ? `404: ${session.request404s.join(', ')}`
            : 'the file failed outside any test'),
      });
    }
  }
  return summary;
}

/** Writes `summary` as <dir>/<name>.wtr.json and prints the one-line count. */
export function writeSummary(name, summary) {
  const dir = process.env.XINQIAO_REPORT_DIR ?? join(repoRoot, 'reports');
  const outputFile = join(dir, `${name}.wtr.json`);
  const report = { runner: 'web-test-runner', suite: name, ...summary };
  mkdirSync(dirname(outputFile), { recursive: true });
  writeFileSync(outputFile, `${JSON.stringify(report, null, 2)}\n`);
  console.log(
    `[${name}] ${report.passed} passed, ${report.failed} failed, ${report.skipped} skipped → ${relative(process.cwd(), outputFile)}`,
  );
}

/**
 * A run that cannot start (no Chromium, a broken config) still leaves a report, with one failure,
 * so the CI sum never silently drops the suite.
 */
export function writeStartFailure(name, message) {
  writeSummary(name, {
    passed: 0,
    failed: 1,
    skipped: 0,
    files: 0,
    failures: [{ file: '(web-test-runner.config.mjs)', test: '(run did not start)', message }],
  });
}

/**
 * @param {{ name: string }} options `name` is the suite's name in reports/ (e.g. 'elements')
 * @returns {import('@web/test-runner').Reporter}
 */
export function summaryJsonReporter({ name }) {
  return {
    stop({ sessions }) {
      writeSummary(name, summarize(sessions));
    },
  };
}
