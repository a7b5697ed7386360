#!/usr/bin/env node
// Benchmark (`pnpm --filter @xinqiao/elements bench`): navigation → <xq-hotline-card> rendered,
// next to a bare Lit element on the same page setup, in the same run, on a throttled phone-like
// profile: CPU ×4 (CDP Emulation.setCPUThrottlingRate) and DevTools' "Slow 4G" network
// (Network.emulateNetworkConditions: 562.5 ms latency, 1.4 Mbit/s down, 675 kbit/s up).
// Each run is a fresh browser context (cold cache); the two pages alternate. Both are served
// from localhost origins like the CSP test: a portal page and a CDN (brotli, as a CDN would).
//
// Cases: the bare Lit element; the hotline card from the CDN file (every element + the provider
// with the SDK); the hotline card from a card-only bundle (dist/size/xq-hotline-card, what a
// portal bundling only the card ships).
//
//   node bench/bench.mjs [--runs 7] [--json]
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { launch } from '../test-node/chromium.mjs';
import { serve } from '../test-node/servers.mjs';
import { readFileSync } from 'node:fs';

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

const page = (script, body) => ({
  type: 'text/html; charset=utf-8',
  body: `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>bench</title><script type="module" src="${script}"></script></head><body>${body}</body></html>`,
});

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * Runs the benchmark; returns per-case timings in ms (navigation start → first frame with the
 * element's content in its shadow root) and the script's transfer size.
 * @param {{ runs?: number }} [options]
 */
export async function runBench({ runs = 7 } = {}) {
  await buildBare();
  const js = { type: 'text/javascript; charset=utf-8' };
  const cdn = await serve(
    {
      '/xinqiao.js': () => ({ ...js, body: readFileSync(`${pkgDir}/dist/cdn/xinqiao.js`) }),
      '/bare.js': () => ({ ...js, body: readFileSync(`${pkgDir}/dist/bench/bare.js`) }),
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
  const portal = await serve({
    '/card.html': page(`${cdn.origin}/xinqiao.js`, '<xq-hotline-card></xq-hotline-card>'),
    '/bare.html': page(`${cdn.origin}/bare.js`, '<xq-bench-bare></xq-bench-bare>'),
    '/card-only.html': page(
      `${cdn.origin}/xq-hotline-card.js`,
      '<xq-hotline-card></xq-hotline-card>',
    ),
  });
  const cases = {
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
  };
  const results = Object.fromEntries(Object.keys(cases).map((k) => [k, { ms: [], bytes: 0 }]));
  const browser = await launch();
  try {
    for (let run = 0; run < runs; run += 1) {
      for (const [name, c] of Object.entries(cases)) {
        const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
        const tab = await context.newPage();
        const cdp = await context.newCDPSession(tab);
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpuThrottlingRate });
        await cdp.send('Network.enable');
        await cdp.send('Network.emulateNetworkConditions', profile.network);
        await tab.addInitScript(
          ([tag, sel]) => {
            const check = () => {
              if (document.querySelector(tag)?.shadowRoot?.querySelector(sel))
                window.__rendered = performance.now();
              else requestAnimationFrame(check);
            };
            requestAnimationFrame(check);
          },
          [c.tag, c.sel],
        );
        await tab.goto(c.url);
        await tab.waitForFunction(() => window.__rendered !== undefined, null, { timeout: 60_000 });
        const { rendered, bytes } = await tab.evaluate(() => ({
          rendered: window.__rendered,
          bytes: performance
            .getEntriesByType('resource')
            .filter((e) => e.name.endsWith('.js'))
            .reduce((sum, e) => sum + e.transferSize, 0),
        }));
        results[name].ms.push(rendered);
        results[name].bytes = bytes;
        await context.close();
      }
    }
  } finally {
    await browser.close();
    await portal.close();
    await cdn.close();
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
      },
    ]),
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const i = args.indexOf('--runs');
  const runs = i >= 0 ? Number(args[i + 1]) : 7;
  const results = await runBench({ runs });
  if (args.includes('--json')) {
    console.log(JSON.stringify({ profile, results }, null, 2));
  } else {
    console.log(
      `navigation → rendered, CPU ×${profile.cpuThrottlingRate}, Slow 4G (562.5 ms, 1.4 Mbit/s), cold cache, ${runs} runs each`,
    );
    console.log('case                 median    min    max   script transfer');
    for (const [name, r] of Object.entries(results)) {
      console.log(
        `${name.padEnd(20)} ${String(r.medianMs).padStart(6)} ms ${String(r.minMs).padStart(6)} ${String(r.maxMs).padStart(6)}   ${r.scriptBytes} B`,
      );
    }
    const bare = results['bare Lit element'].medianMs;
    console.log(
      `hotline card (CDN file) − bare Lit: ${results['<xq-hotline-card>'].medianMs - bare} ms; ` +
        `card-only bundle − bare Lit: ${results['card-only bundle'].medianMs - bare} ms (medians)`,
    );
  }
}
