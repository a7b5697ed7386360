#!/usr/bin/env node
// Summarizes a V8 .cpuprofile (from `node --cpu-prof`): self time by function and by package.
// Usage: node bench/cpu-top.mjs <file.cpuprofile> [top=25]
import { readFileSync } from 'node:fs';
import { table } from './lib.mjs';

const [file, topArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: node bench/cpu-top.mjs <file.cpuprofile> [top]');
  process.exit(2);
}
const top = Number(topArg ?? 25);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map();
const dt = profile.timeDeltas;
for (let i = 0; i < profile.samples.length; i++) {
  self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + (dt[i] ?? 0));
}
const total = [...self.values()].reduce((a, b) => a + b, 0);

/** Where a frame's code lives: a package, the server's dist, Node internals, or a V8 bucket. */
function area(cf) {
  const url = cf.url ?? '';
  const pkg = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  if (/apps\/server\/dist\//.test(url)) return 'server (dist)';
  if (/packages\/([^/]+)\/dist/.test(url))
    return `@xinqiao/${/packages\/([^/]+)\/dist/.exec(url)[1]}`;
  if (url.startsWith('node:')) return 'node internals';
  if (/bench\//.test(url)) return 'bench';
  if (!url) return `(${cf.functionName || 'native'})`;
  return url.replace(/^.*\//, '');
}

const fn = new Map();
const pk = new Map();
for (const [id, us] of self) {
  const cf = byId.get(id).callFrame;
  const a = area(cf);
  const key = `${cf.functionName || '(anonymous)'} — ${a}${cf.url ? `:${cf.lineNumber + 1}` : ''}`;
  fn.set(key, (fn.get(key) ?? 0) + us);
  pk.set(a, (pk.get(a) ?? 0) + us);
}
const pctOf = (us) => `${((100 * us) / total).toFixed(1)} %`;
console.log(`${file}: ${(total / 1e6).toFixed(1)} s sampled\n`);
console.log(
  table(
    ['area', 'self:'],
    [...pk.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, v]) => [k, pctOf(v)]),
  ),
);
console.log('');
console.log(
  table(
    ['function', 'self:'],
    [...fn.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, v]) => [k, pctOf(v)]),
  ),
);
