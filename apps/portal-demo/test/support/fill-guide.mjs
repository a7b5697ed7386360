// Rewrites the code block after each `<!-- snippet: file#region -->` in docs/integration.md with
// the region's current text. Run `pnpm --filter @xinqiao/portal-demo guide:fill` after changing
// quoted code (test/guide.test.ts fails until then).
import { readFileSync, writeFileSync } from 'node:fs';
import { fenceAfter, guidePath, guideRegions } from './guide.mjs';

const regions = guideRegions();
const lines = readFileSync(guidePath, 'utf8').split('\n');
const out = [];
for (let i = 0; i < lines.length; i++) {
  out.push(lines[i]);
  const m = /^<!-- snippet: (\S+) -->$/.exec(lines[i].trim());
  if (!m) continue;
  const code = regions.get(m[1]);
  if (code === undefined) throw new Error(`no region ${m[1]}`);
  const open = fenceAfter(lines, i);
  const close = lines.findIndex((l, j) => j > open && l === '```');
  // Prettier must not reflow a quote (HTML in particular): it would no longer match the source.
  out.push('<!-- prettier-ignore -->', lines[open], code, '```');
  i = close;
}
writeFileSync(guidePath, out.join('\n'));
process.stdout.write(`filled ${regions.size} regions into ${guidePath}\n`);
