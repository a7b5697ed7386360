// Every vitest suite writes a JSON report under reports/ so that scripts/test-all.mjs can sum
// passed/failed/skipped across runners for CI's closing line.
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));

/** @param {string} name suite name, unique across the repo (e.g. 'contracts', 'server-pg') */
export function reporters(name) {
  const dir = process.env.XINQIAO_REPORT_DIR ?? join(root, 'reports');
  return ['default', ['json', { outputFile: join(dir, `${name}.vitest.json`) }]];
}
