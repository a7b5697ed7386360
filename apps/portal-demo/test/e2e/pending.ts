import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

// Some journeys need work that other issues deliver (an element, server routes). Their tests are
// written in full and run by themselves once that work is in the build; until then the suite
// registers them as skipped with "[pending: …]" in the name and says so on the console, so a
// skip is never silent.

const require = createRequire(import.meta.url);

function distDir(pkg: string): string {
  return join(dirname(require.resolve(`${pkg}/package.json`)), 'dist');
}

function distContains(pkg: string, needle: string): boolean {
  const dir = distDir(pkg);
  if (!existsSync(dir)) return false;
  const walk = (d: string): boolean =>
    readdirSync(d, { withFileTypes: true }).some((e) =>
      e.isDirectory()
        ? walk(join(d, e.name))
        : e.name.endsWith('.js') && readFileSync(join(d, e.name), 'utf8').includes(needle),
    );
  return walk(dir);
}

export interface Prerequisites {
  /** Element tags whose define module must be in `@xinqiao/elements`' build. */
  elements?: string[];
  /** Route paths the server's build must register. */
  routes?: string[];
  /** Further checks: a description of what is missing, or undefined when it is there. */
  checks?: Array<() => string | undefined>;
}

/** What is still missing for a journey (empty: run it). */
export function pending(p: Prerequisites): string[] {
  const missing: string[] = [];
  for (const tag of p.elements ?? []) {
    if (!existsSync(join(distDir('@xinqiao/elements'), 'define', `${tag}.js`)))
      missing.push(`<${tag}> is not in the elements build`);
  }
  for (const route of p.routes ?? []) {
    // The build quotes strings with "…" (esbuild) or '…'.
    if (
      !distContains('@xinqiao/server', `"${route}"`) &&
      !distContains('@xinqiao/server', `'${route}'`)
    )
      missing.push(`the server has no ${route} route`);
  }
  for (const check of p.checks ?? []) {
    const why = check();
    if (why) missing.push(why);
  }
  if (missing.length) console.warn(`PENDING (test registered as skipped): ${missing.join('; ')}`);
  return missing;
}

/** Whether a built file of a package contains a string (for `checks`). */
export { distContains };
