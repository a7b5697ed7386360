import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('package boundaries', () => {
  it('src imports only @xinqiao/contracts and its own modules: no DOM, no I/O, no Node built-ins', () => {
    for (const file of sourceFiles(join(root, 'src'))) {
      const text = readFileSync(file, 'utf8');
      const specifiers = [...text.matchAll(/(?:import|export)[^'"]*from\s+['"]([^'"]+)['"]/g)].map(
        (match) => match[1]!,
      );
      for (const specifier of specifiers) {
        expect(
          specifier.startsWith('.') || specifier.startsWith('@xinqiao/contracts/'),
          `${file}: ${specifier}`,
        ).toBe(true);
      }
      expect(text, file).not.toMatch(
        /\b(window|document|localStorage|fetch|XMLHttpRequest|process\.|require\()/,
      );
      expect(text, file).not.toMatch(/Date\.now|new Date\(|Math\.random/);
    }
  });

  it('depends on contracts and zod only', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    expect(Object.keys(pkg.dependencies).sort()).toEqual(['@xinqiao/contracts', 'zod']);
  });
});
