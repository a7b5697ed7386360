// web-test-runner for @xinqiao/elements: every src/**/*.test.ts in Debian Chromium, one browser
// page at a time (2-core machines), axe included (src/test/axe.ts), a JSON summary for CI.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { playwrightLauncher } from '@web/test-runner-playwright';
import ts from 'typescript';
import { summaryJsonReporter, writeStartFailure } from './scripts/wtr-summary-reporter.mjs';
import { realServerPlugin } from './scripts/wtr-test-server.mjs';

const pkgDir = dirname(fileURLToPath(import.meta.url));

// ── Chromium: never skip. @xinqiao/testkit/chromium finds it (CHROMIUM_PATH, /usr/bin/chromium,
// /usr/lib/chromium/chromium) with the launch flags proven in TOOLCHAIN.md, and throws an error
// naming `apt-get install chromium` when there is none. That error stops the run before anything
// starts, and still leaves a report with one failure so the CI sum cannot drop the suite.
async function launchOptions() {
  let testkit;
  try {
    testkit = await import('@xinqiao/testkit/chromium');
  } catch (error) {
    const message = `@xinqiao/testkit/chromium is not built (${error.message}); run \`pnpm --filter @xinqiao/testkit build\` (turbo's test task does it through ^build).`;
    writeStartFailure('elements', message);
    throw new Error(message);
  }
  try {
    return testkit.chromiumLaunchOptions();
  } catch (error) {
    writeStartFailure(
      'elements',
      `${error.message} The element tests never skip for a missing browser.`,
    );
    throw error;
  }
}

// ── Decorators: @web/dev-server-esbuild reads the tsconfig file *raw* and hands it to esbuild's
// transform API as tsconfigRaw, which ignores `extends`. Pointed at tsconfig.json directly, esbuild
// would never see tsconfig.base.json's experimentalDecorators/useDefineForClassFields and would
// compile Lit's decorators as standard decorators. So resolve the extends chain with TypeScript,
// check the mode, and hand esbuild a flattened file.
function flattenedTsconfig() {
  const source = join(pkgDir, 'tsconfig.json');
  const read = ts.readConfigFile(source, ts.sys.readFile);
  if (read.error) throw new Error(ts.flattenDiagnosticMessageText(read.error.messageText, '\n'));
  const { options, errors } = ts.parseJsonConfigFileContent(read.config, ts.sys, pkgDir);
  if (errors.length) throw new Error(ts.flattenDiagnosticMessageText(errors[0].messageText, '\n'));
  if (options.experimentalDecorators !== true || options.useDefineForClassFields !== false) {
    throw new Error(
      `${source} must resolve to experimentalDecorators: true, useDefineForClassFields: false ` +
        '(tsconfig.base.json), the one decorator mode of every pipeline.',
    );
  }
  const flat = {
    compilerOptions: {
      experimentalDecorators: true,
      useDefineForClassFields: false,
      verbatimModuleSyntax: options.verbatimModuleSyntax === true,
    },
  };
  const out = join(pkgDir, 'node_modules/.cache/wtr/tsconfig.esbuild.json');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(flat, null, 2)}\n`);
  return out;
}

/** @type {import('@web/test-runner').TestRunnerConfig} */
export default {
  rootDir: pkgDir,
  files: ['src/**/*.test.ts'],
  nodeResolve: true,
  concurrency: 1,
  browsers: [playwrightLauncher({ product: 'chromium', launchOptions: await launchOptions() })],
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: flattenedTsconfig() }),
    // The real server (@xinqiao/testkit) for suites that talk to the API: src/test/real-server.ts.
    realServerPlugin(),
  ],
  testFramework: { config: { timeout: 10_000 } },
  filterBrowserLogs: ({ args }) =>
    !(typeof args[0] === 'string' && args[0].includes('Lit is in dev mode')),
  reporters: [defaultReporter(), summaryJsonReporter({ name: 'elements' })],
};
