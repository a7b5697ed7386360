// The guide's quotes and the portal's `#region guide:<name>` blocks (plain JS, so that
// `fill-guide.mjs` runs with node alone). Types: guide.d.mts.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** apps/portal-demo */
export const packageDir = fileURLToPath(new URL('../../', import.meta.url));
export const guidePath = fileURLToPath(new URL('../../../../docs/integration.md', import.meta.url));

const regionStart = /(?:\/\/|<!--|\/\*)\s*#region guide:([\w-]+)/;
const regionEnd = /(?:\/\/|<!--|\/\*)\s*#endregion/;

function dedent(lines) {
  const indents = lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)[0].length);
  const cut = Math.min(...indents);
  return lines.map((l) => l.slice(cut)).join('\n');
}

/** Every `#region guide:<name>` in the portal's pages and backend: `file#name` → its text. */
export function guideRegions() {
  const out = new Map();
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        if (dir === packageDir && name === 'test') continue;
        walk(path);
      } else if (/\.(ts|html|css)$/.test(name)) {
        const lines = readFileSync(path, 'utf8').split('\n');
        for (let i = 0; i < lines.length; i++) {
          const m = regionStart.exec(lines[i]);
          if (!m) continue;
          const end = lines.findIndex((l, j) => j > i && regionEnd.test(l));
          if (end < 0) throw new Error(`${path}: region ${m[1]} has no #endregion`);
          out.set(`${relative(packageDir, path)}#${m[1]}`, dedent(lines.slice(i + 1, end)));
        }
      }
    }
  };
  walk(packageDir);
  return out;
}

/**
 * The line of the code fence a snippet marker introduces: blank lines and the
 * `<!-- prettier-ignore -->` that keeps Prettier from reflowing a quote may come between.
 */
export function fenceAfter(lines, marker) {
  let j = marker + 1;
  while (j < lines.length && (!lines[j].trim() || lines[j].trim() === '<!-- prettier-ignore -->'))
    j++;
  if (!/^```\w*$/.test(lines[j] ?? ''))
    throw new Error(`guide line ${marker + 1}: snippet without a code block`);
  return j;
}

/** The guide's quotes: `<!-- snippet: <file>#<region> -->` followed by a fenced block. */
export function guideSnippets(markdown = readFileSync(guidePath, 'utf8')) {
  const out = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^<!-- snippet: (\S+) -->$/.exec(lines[i].trim());
    if (!m) continue;
    const open = fenceAfter(lines, i);
    const close = lines.findIndex((l, j) => j > open && l === '```');
    out.push({ ref: m[1], code: lines.slice(open + 1, close).join('\n'), line: i + 1 });
  }
  return out;
}

/** The shell command the guide gives for registering a tenant (`<!-- run: tenant-create -->`). */
export function guideTenantCommand(markdown = readFileSync(guidePath, 'utf8')) {
  const lines = markdown.split('\n');
  const at = lines.findIndex((l) => l.trim() === '<!-- run: tenant-create -->');
  if (at < 0) throw new Error('the guide has no tenant-create command');
  const open = fenceAfter(lines, at);
  const close = lines.findIndex((l, j) => j > open && l === '```');
  return lines
    .slice(open + 1, close)
    .join('\n')
    .replace(/\\\n\s*/g, '');
}
