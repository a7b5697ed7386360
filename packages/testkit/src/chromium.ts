import { accessSync, constants } from 'node:fs';

export const chromiumInstallHint =
  'No Chromium found (checked CHROMIUM_PATH, /usr/bin/chromium, /usr/lib/chromium/chromium). ' +
  'Install one with `apt-get install chromium`, or set CHROMIUM_PATH.';

/** Launch arguments proven on the CI machines (see TOOLCHAIN.md). */
export const chromiumArgs: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const defaultCandidates = ['/usr/bin/chromium', '/usr/lib/chromium/chromium'];

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The Chromium to drive: `CHROMIUM_PATH`, then /usr/bin/chromium, then /usr/lib/chromium/chromium.
 * Throws an Error naming `apt-get install chromium` when none is found — callers never skip
 * silently (with `XINQIAO_REQUIRE_CHROMIUM=1` a missing browser must fail).
 */
export function findChromium(
  opts: { env?: NodeJS.ProcessEnv; candidates?: readonly string[] } = {},
): string {
  const env = opts.env ?? process.env;
  const fromEnv = env.CHROMIUM_PATH;
  if (fromEnv) {
    if (executable(fromEnv)) return fromEnv;
    throw new Error(`CHROMIUM_PATH=${fromEnv} is not an executable file. ${chromiumInstallHint}`);
  }
  for (const c of opts.candidates ?? defaultCandidates) if (executable(c)) return c;
  throw new Error(chromiumInstallHint);
}

/** Whether a missing browser must fail instead of skip (CI sets it). */
export function chromiumRequired(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.XINQIAO_REQUIRE_CHROMIUM === '1';
}

/** `findChromium()` that returns undefined when none is found and none is required. */
export function findChromiumOrSkip(): string | undefined {
  try {
    return findChromium();
  } catch (e) {
    if (chromiumRequired()) throw e;
    return undefined;
  }
}

export interface ChromiumLaunchOptions {
  executablePath: string;
  headless: boolean;
  args: string[];
}

/**
 * Launch options for playwright-core's `chromium.launch()`, web-test-runner's
 * `playwrightLauncher({ product: 'chromium', launchOptions })` and vitest browser's `playwright()`.
 */
export function chromiumLaunchOptions(extraArgs: readonly string[] = []): ChromiumLaunchOptions {
  return { executablePath: findChromium(), headless: true, args: [...chromiumArgs, ...extraArgs] };
}
