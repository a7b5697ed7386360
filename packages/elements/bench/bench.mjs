#!/usr/bin/env node
// Benchmark (`pnpm --filter @xinqiao/elements bench`): navigation → <xq-hotline-card> rendered,
// next to a bare Lit element on the same page setup, in the same run, on a throttled phone-like
// profile: CPU ×4 (CDP Emulation.setCPUThrottlingRate) and DevTools' "Slow 4G" network
// (Network.emulateNetworkConditions: 562.5 ms latency, 1.4 Mbit/s down, 675 kbit/s up).
// Each run is a fresh browser context (cold cache); the cases alternate. Both are served
// from localhost origins like the CSP test: a portal page and a CDN (brotli, as a CDN would).
//
// Cases: the bare Lit element; the hotline card from the CDN file (every element + the provider
// with the SDK); the hotline card from a card-only bundle (dist/size/xq-hotline-card, what a
// portal bundling only the card ships); the screening form (issue #8) against the REAL server,
// from the CDN file and from the form-only bundle (dist/size/xq-screening-form: provider + form).
//
// The screening form: a portal page (its own origin) with the CDN file, a portal script that
// gives `<xq-provider>` its `fetchToken` (the portal's backend route mints an embed token with
// the tenant's secret key, `POST /v1/embed-sessions`, on every call), and
// `<xq-provider base-url=API locale="zh-CN"><xq-screening-form campaign=…>`. The API is the real
// Xinqiao server from @xinqiao/testkit/server (PGlite, migrated snapshot, in this process), with
// a tenant that allows the portal's origin (CORS), the testkit roster and a PHQ-A + GAD-7
// campaign (20 questions; no consent needed: `legalBasis`); the page signs in as the roster
// student. Every request of the page — HTML, scripts, token, eligibility, instrument
// definitions — goes through the same Slow-4G emulation, except CORS preflights, which DevTools'
// emulation leaves unthrottled (see BENCH_TRACE; a real link adds a round trip each). The form
// opens on an intro screen with a start button: the probe presses it in the first frame it
// exists (no think time), and the time is the first frame where question 1's first radio input
// is focusable (present, visible, not disabled). Phases (median): the intro's start button, and the end of the token
// and eligibility responses (Resource Timing). The form asks for eligibility with every definition
// it may need (`include=definitions`): no instrument request at all.
//
// "… (token in page)": the same page as a server-rendered portal sends it — the portal's backend
// minted the embed token while rendering the page and put it in a <meta>; the portal's script
// hands it to the provider (`token`) and keeps `fetchToken` for when it expires: one round trip
// fewer.
//
//   node bench/bench.mjs [--runs 7] [--only 'bare Lit element,screening form'] [--json]
//   BENCH_TRACE=1 node bench/bench.mjs …   also prints every request of every run (CDP)
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { launch } from '../test-node/chromium.mjs';
import { serve } from '../test-node/servers.mjs';
import { readFileSync } from 'node:fs';
import { createClient } from '@xinqiao/sdk';

const pkgDir = fileURLToPath(new URL('..', import.meta.url));

export const profile = {
  cpuThrottlingRate: 4,
  network: {
    offline: false,
    latency: 562.5,
    downloadThroughput: (1.4 * 1_000_000) / 8,
    uploadThroughput: (675 * 1_000) / 8,
  },
};

async function buildBare() {
  await build({
    root: pkgDir,
    configFile: false,
    logLevel: 'warn',
    build: {
      outDir: `${pkgDir}/dist/bench`,
      emptyOutDir: true,
      target: 'es2022',
      minify: 'oxc',
      lib: { entry: `${pkgDir}/bench/bare-element.js`, formats: ['es'], fileName: () => 'bare.js' },
    },
  });
}

const page = (script, body, portalScript = '', head = '') => ({
  type: 'text/html; charset=utf-8',
  body: `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>bench</title>${head}${portalScript ? `<script type="module" src="${portalScript}"></script>` : ''}<script type="module" src="${script}"></script></head><body>${body}</body></html>`,
});

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * The real server with one tenant whose pages come from `portalOrigin`: the testkit roster and a
 * PHQ-A + GAD-7 campaign open now. `studentToken()` is what the portal's backend does for the
 * signed-in student (`POST /v1/embed-sessions` with the secret key); `tokenFor(externalId)` the
 * same for any roster user (also used by test-node/screening-form-reload.test.mjs).
 * @param {string} portalOrigin
 */
export async function startApi(portalOrigin) {
  const { startTestServer } = await import('@xinqiao/testkit/server');
  const server = await startTestServer();
  try {
    const tenant = await server.seedTenant({
      name: 'bench portal',
      allowedOrigins: [portalOrigin],
    });
    const roster = await server.seedRoster(tenant.secretKey);
    const admin = createClient({
      baseUrl: server.url,
      token: await server.tokenFor(roster.users.school_admin, tenant.secretKey),
      maxRetries: 0,
    });
    const at = server.clock.now().getTime();
    const day = 86_400_000;
    const campaign = await admin.campaigns.create({
      name: 'bench screening',
      schoolId: roster.schoolId,
      opensAt: new Date(at - day).toISOString(),
      closesAt: new Date(at + 30 * day).toISOString(),
      instruments: ['phq-a', 'gad-7'],
      consentRequired: false,
      legalBasis: 'School health programme under the provincial education department notice.',
      acknowledgeUnvalidatedTranslations: ['phq-a', 'gad-7', 'asq'],
    });
    return {
      url: server.url,
      campaignId: campaign.id,
      studentToken: () => server.tokenFor(roster.users.student, tenant.secretKey),
      /** @param {string} externalId */
      tokenFor: (externalId) => server.tokenFor(externalId, tenant.secretKey),
      close: () => server.close(),
    };
  } catch (error) {
    await server.close();
    throw error;
  }
}

/**
 * In the page, from the first frame: polls every frame (requestAnimationFrame) until `sel` is in
 * `tag`'s shadow root — for `focusable`, until it is also visible and not disabled — and stores
 * performance.now() (relative to navigation start) in `window.__rendered`. `start`: a button to
 * press in the first frame it exists (time in `window.__start`). `failStates`: `data-state`
 * values of the element that end the wait with an error.
 * @param {{ tag: string, sel: string, focusable?: boolean, start?: string, failStates?: string[] }} c
 */
function probe(c) {
  const check = () => {
    const el = document.querySelector(c.tag);
    const root = el?.shadowRoot;
    if (c.failStates?.includes(el?.dataset.state ?? '')) {
      window.__failed = `${c.tag} data-state=${el.dataset.state}: ${root?.textContent?.replace(/\s+/g, ' ').trim()}`;
      return;
    }
    if (c.start && window.__start === undefined) {
      const button = root?.querySelector(c.start);
      if (button) {
        window.__start = performance.now();
        button.click();
      }
    }
    const target = root?.querySelector(c.sel);
    const ready =
      target &&
      (!c.focusable ||
        (target.checkVisibility({ visibilityProperty: true, opacityProperty: true }) &&
          !target.matches(':disabled')));
    if (ready) window.__rendered = performance.now();
    else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
}

/**
 * Runs the benchmark; returns per-case timings in ms (navigation start → first frame with the
 * element's content in its shadow root; for the screening form, question 1 focusable) and the
 * scripts' transfer size.
 * @param {{ runs?: number, only?: string[] }} [options] `only`: case names to run
 */
export async function runBench({ runs = 7, only } = {}) {
  await buildBare();
  const js = { type: 'text/javascript; charset=utf-8' };
  const cdn = await serve(
    {
      '/xinqiao.js': () => ({ ...js, body: readFileSync(`${pkgDir}/dist/cdn/xinqiao.js`) }),
      '/bare.js': () => ({ ...js, body: readFileSync(`${pkgDir}/dist/bench/bare.js`) }),
      '/xq-screening-form.js': () => ({
        ...js,
        body: readFileSync(`${pkgDir}/dist/size/xq-screening-form/xq-screening-form.js`),
      }),
      '/xq-hotline-card.js': () => ({
        ...js,
        body: readFileSync(`${pkgDir}/dist/size/xq-hotline-card/xq-hotline-card.js`),
      }),
    },
    {
      headers: {
        'access-control-allow-origin': '*',
        'timing-allow-origin': '*',
        'cache-control': 'no-store',
      },
    },
  );
  /** @type {Awaited<ReturnType<typeof startApi>> | undefined} */
  let api;
  const formPage =
    (script, head = '', portalScript = '/portal.js') =>
    () =>
      page(
        `${cdn.origin}/${script}`,
        `<xq-provider base-url="${api?.url}" locale="zh-CN"><xq-screening-form campaign="${api?.campaignId}"></xq-screening-form></xq-provider>`,
        portalScript,
        head,
      );
  // The same page as a server-rendered portal would send it: the portal's backend minted the
  // embed token while rendering and put it in a <meta> (no inline script: strict CSP), and its
  // script hands it to the provider (`token`), keeping `fetchToken` for when it expires.
  const formPageWithToken = (script) => async () => {
    const token = await /** @type {NonNullable<typeof api>} */ (api).studentToken();
    return formPage(script, `<meta name="xinqiao-token" content="${token}">`, '/portal-token.js')();
  };
  const portal = await serve({
    '/form.html': () => formPage('xinqiao.js')(),
    '/form-only.html': () => formPage('xq-screening-form.js')(),
    '/form-token.html': formPageWithToken('xinqiao.js'),
    '/form-only-token.html': formPageWithToken('xq-screening-form.js'),
    '/portal-token.js': {
      ...js,
      body: `const provider = document.querySelector('xq-provider');
provider.token = document.querySelector('meta[name="xinqiao-token"]').content;
provider.fetchToken = async () => {
  const response = await fetch('/portal/xinqiao-token', { method: 'POST' });
  return response.ok ? response.text() : '';
};`,
    },
    // The portal's own script (same origin as the page, runs before the CDN file's elements
    // upgrade), as in examples/html/portal.js.
    '/portal.js': {
      ...js,
      body: `document.querySelector('xq-provider').fetchToken = async () => {
  const response = await fetch('/portal/xinqiao-token', { method: 'POST' });
  return response.ok ? response.text() : '';
};`,
    },
    // The portal's backend: an embed token for the signed-in student.
    '/portal/xinqiao-token': async () => ({
      type: 'text/plain; charset=utf-8',
      headers: { 'cache-control': 'no-store' },
      body: await /** @type {NonNullable<typeof api>} */ (api).studentToken(),
    }),
    '/card.html': page(`${cdn.origin}/xinqiao.js`, '<xq-hotline-card></xq-hotline-card>'),
    '/bare.html': page(`${cdn.origin}/bare.js`, '<xq-bench-bare></xq-bench-bare>'),
    '/card-only.html': page(
      `${cdn.origin}/xq-hotline-card.js`,
      '<xq-hotline-card></xq-hotline-card>',
    ),
  });
  const form = {
    tag: 'xq-screening-form',
    sel: 'fieldset input[type="radio"]',
    focusable: true,
    start: '[part="intro"] button.primary',
    failStates: ['error', 'offline', 'ineligible', 'unavailable'],
  };
  /** @type {Record<string, { url: string, tag: string, sel: string, focusable?: boolean, start?: string, failStates?: string[] }>} */
  const allCases = {
    'bare Lit element': { url: `${portal.origin}/bare.html`, tag: 'xq-bench-bare', sel: 'p' },
    '<xq-hotline-card>': {
      url: `${portal.origin}/card.html`,
      tag: 'xq-hotline-card',
      sel: 'a[href="tel:110"]',
    },
    'card-only bundle': {
      url: `${portal.origin}/card-only.html`,
      tag: 'xq-hotline-card',
      sel: 'a[href="tel:110"]',
    },
    'screening form': { url: `${portal.origin}/form.html`, ...form },
    'form-only bundle': { url: `${portal.origin}/form-only.html`, ...form },
    'screening form (token in page)': { url: `${portal.origin}/form-token.html`, ...form },
    'form-only bundle (token in page)': { url: `${portal.origin}/form-only-token.html`, ...form },
  };
  const cases = Object.fromEntries(
    Object.entries(allCases).filter(([name]) => !only || only.includes(name)),
  );
  /** @type {Record<string, { ms: number[], bytes: number, phases: Record<string, number>[] }>} */
  const results = Object.fromEntries(
    Object.keys(cases).map((k) => [k, { ms: [], bytes: 0, phases: [] }]),
  );
  const browser = await launch();
  try {
    if (Object.values(cases).some((c) => c.tag === 'xq-screening-form')) {
      api = await startApi(portal.origin);
    }
    for (let run = 0; run < runs; run += 1) {
      for (const [name, c] of Object.entries(cases)) {
        const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
        const tab = await context.newPage();
        const cdp = await context.newCDPSession(tab);
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpuThrottlingRate });
        await cdp.send('Network.enable');
        await cdp.send('Network.emulateNetworkConditions', profile.network);
        // BENCH_TRACE=1: every request of the page as the browser saw it (CDP), CORS preflights
        // included, in ms after the document request.
        /** @type {Map<string, { what: string, sent: number, done?: number }>} */
        const trace = new Map();
        if (process.env.BENCH_TRACE) {
          cdp.on('Network.requestWillBeSent', (e) =>
            trace.set(e.requestId, {
              what: `${e.request.method} ${e.request.url}`,
              sent: e.timestamp,
            }),
          );
          cdp.on('Network.loadingFinished', (e) => {
            const t = trace.get(e.requestId);
            if (t) t.done = e.timestamp;
          });
        }
        await tab.addInitScript(probe, c);
        await tab.goto(c.url);
        await tab.waitForFunction(
          () => window.__rendered !== undefined || window.__failed !== undefined,
          null,
          { timeout: 60_000 },
        );
        const { rendered, failed, bytes, phases } = await tab.evaluate((apiUrl) => {
          const resources = performance.getEntriesByType('resource');
          const end = (test) => {
            const hits = resources.filter((e) => test(e.name));
            return hits.length ? Math.max(...hits.map((e) => e.responseEnd)) : undefined;
          };
          return {
            rendered: window.__rendered,
            failed: window.__failed,
            bytes: resources
              .filter((e) => e.name.endsWith('.js'))
              .reduce((sum, e) => sum + e.transferSize, 0),
            phases: {
              'script loaded': end(
                (n) => n.endsWith('/xinqiao.js') || n.endsWith('/xq-screening-form.js'),
              ),
              'token response': end((n) => n.endsWith('/portal/xinqiao-token')),
              'eligibility response': end((n) => n.startsWith(apiUrl) && /\/eligibility/.test(n)),
              'last definition response': end(
                (n) => n.startsWith(apiUrl) && /\/v1\/instruments\//.test(n),
              ),
              'intro start button': window.__start,
            },
          };
        }, api?.url ?? '-');
        if (failed) throw new Error(`${name}: ${failed}`);
        if (process.env.BENCH_TRACE) {
          const zero = Math.min(...[...trace.values()].map((t) => t.sent));
          const ms = (t) => (t === undefined ? '…' : String(Math.round((t - zero) * 1000)));
          console.log(`${name}, run ${run + 1}: ${Math.round(rendered)} ms`);
          for (const t of trace.values()) console.log(`  ${ms(t.sent)}–${ms(t.done)} ${t.what}`);
        }
        results[name].ms.push(rendered);
        results[name].bytes = bytes;
        results[name].phases.push(
          Object.fromEntries(Object.entries(phases).filter(([, v]) => v !== undefined)),
        );
        await context.close();
      }
    }
  } finally {
    await browser.close();
    await portal.close();
    await cdn.close();
    await api?.close();
  }
  return Object.fromEntries(
    Object.entries(results).map(([name, r]) => [
      name,
      {
        runs: r.ms.length,
        medianMs: Math.round(median(r.ms)),
        minMs: Math.round(Math.min(...r.ms)),
        maxMs: Math.round(Math.max(...r.ms)),
        scriptBytes: r.bytes,
        phasesMedianMs: Object.fromEntries(
          Object.keys(r.phases[0] ?? {}).map((k) => [
            k,
            Math.round(median(r.phases.map((p) => p[k]).filter((v) => v !== undefined))),
          ]),
        ),
      },
    ]),
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const arg = (flag) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined);
  const runs = Number(arg('--runs') ?? 7);
  const only = arg('--only')?.split(',');
  const results = await runBench({ runs, ...(only ? { only } : {}) });
  if (args.includes('--json')) {
    console.log(JSON.stringify({ profile, results }, null, 2));
  } else {
    console.log(
      `navigation → rendered (screening form: question 1 focusable), CPU ×${profile.cpuThrottlingRate}, Slow 4G (562.5 ms, 1.4 Mbit/s), cold cache, ${runs} runs each`,
    );
    console.log('case                                median    min    max   script transfer');
    for (const [name, r] of Object.entries(results)) {
      console.log(
        `${name.padEnd(35)} ${String(r.medianMs).padStart(6)} ms ${String(r.minMs).padStart(6)} ${String(r.maxMs).padStart(6)}   ${r.scriptBytes} B`,
      );
    }
    const bare = results['bare Lit element']?.medianMs;
    if (bare !== undefined) {
      for (const name of Object.keys(results)) {
        if (name !== 'bare Lit element')
          console.log(`${name} − bare Lit: ${results[name].medianMs - bare} ms`);
      }
    }
    for (const name of Object.keys(results)) {
      if (!Object.keys(results[name].phasesMedianMs).length) continue;
      console.log(`${name} phases (medians, ms after navigation start):`);
      for (const [phase, ms] of Object.entries(results[name].phasesMedianMs)) {
        console.log(`  ${phase.padEnd(26)} ${String(ms).padStart(6)}`);
      }
    }
  }
}
