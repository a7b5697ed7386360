// Chromium for the playwright-core suites: found by @xinqiao/testkit (CHROMIUM_PATH,
// /usr/bin/chromium, …). Without one the suites skip — unless XINQIAO_REQUIRE_CHROMIUM=1 (CI),
// when findChromiumOrSkip() throws and the suite fails.
import { chromiumLaunchOptions, findChromiumOrSkip } from '@xinqiao/testkit/chromium';
import { chromium } from 'playwright-core';

export const chromiumPath = findChromiumOrSkip();

export async function launch() {
  return chromium.launch(chromiumLaunchOptions());
}
