#!/usr/bin/env node
// Generates the element metadata from the JSDoc in src/ (ARCHITECTURE §5: the JSDoc is the API
// contract):
//   custom-elements.json         `cem analyze --litelement` (custom-elements-manifest.config.mjs),
//                                then paths pointed at the published dist/*.js modules and a
//                                custom-element-definition export added per src/define/<tag>.ts
//   web-types.json               JetBrains IDEs (package.json "web-types")
//   vscode.html-custom-data.json VS Code (`html.customData`)
// The two editor files are derived here from the manifest, so no extra analyzer plugin is needed.
// Fails (exit 1) if an element breaks the conventions: `xq-` tag via @tagname, a @summary, and a
// guarded define module at src/define/<tag>.ts.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkgDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));

const cem = require.resolve('@custom-elements-manifest/analyzer/cem.js');
const run = spawnSync(
  process.execPath,
  [cem, 'analyze', '--config', 'custom-elements-manifest.config.mjs', '--quiet'],
  { cwd: pkgDir, stdio: 'inherit' },
);
if (run.status !== 0) {
  console.error(`manifest: cem analyze failed (exit ${run.status})`);
  process.exit(1);
}

const manifestPath = join(pkgDir, 'custom-elements.json');
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));

/** `src/a/b.ts` | `/src/a/b.js` → `dist/a/b.js`: the module a consumer actually imports. */
const toDist = (path) => path.replace(/^\/?src\//, 'dist/').replace(/\.ts$/, '.js');
/** Declaration references: relative ones (`export { X } from '../x.js'`) resolve from `from`. */
const fixRef = (ref, from) => {
  if (!ref || typeof ref.module !== 'string') return;
  const module = ref.module.startsWith('.')
    ? posix.join(posix.dirname(from), ref.module)
    : ref.module;
  ref.module = toDist(module);
};

const problems = [];
const elements = [];
for (const mod of manifest.modules) {
  const srcPath = mod.path;
  mod.path = toDist(mod.path);
  for (const exp of mod.exports ?? []) fixRef(exp.declaration, srcPath);
  for (const decl of mod.declarations ?? []) {
    fixRef(decl.superclass, srcPath);
    for (const member of decl.members ?? []) fixRef(member.inheritedFrom, srcPath);
    for (const attr of decl.attributes ?? []) fixRef(attr.inheritedFrom, srcPath);
    for (const event of decl.events ?? []) fixRef(event.inheritedFrom, srcPath);
    if (!decl.customElement || !decl.tagName) continue;
    const where = `${srcPath} ${decl.name}`;
    if (!/^xq-[a-z0-9-]+$/.test(decl.tagName))
      problems.push(`${where}: tag "${decl.tagName}" is not xq-*`);
    if (!decl.summary) problems.push(`${where}: missing @summary`);
    if (!existsSync(join(pkgDir, 'src/define', `${decl.tagName}.ts`)))
      problems.push(`${where}: missing src/define/${decl.tagName}.ts`);
    elements.push({ decl, module: mod.path });
  }
}

// `defineElement('xq-…', Class)` is our guarded helper, which the analyzer cannot see through:
// record the definitions it makes, as `customElements.define` calls would have been recorded.
for (const { decl, module } of elements) {
  const defineModule = manifest.modules.find((m) => m.path === `dist/define/${decl.tagName}.js`);
  if (!defineModule) continue;
  defineModule.exports = (defineModule.exports ?? []).filter(
    (e) => !(e.kind === 'custom-element-definition' && e.name === decl.tagName),
  );
  defineModule.exports.push({
    kind: 'custom-element-definition',
    name: decl.tagName,
    declaration: { name: decl.name, module },
  });
}

if (problems.length) {
  console.error(`manifest: ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
  process.exit(1);
}

writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);

const publicAttributes = (decl) => (decl.attributes ?? []).filter((a) => a.name);
const describe = (decl) => [decl.summary, decl.description].filter(Boolean).join('\n\n');

// VS Code: https://github.com/microsoft/vscode-custom-data (html.customData, version 1.1).
const vscode = {
  $schema:
    'https://raw.githubusercontent.com/microsoft/vscode-html-languageservice/main/docs/customData.schema.json',
  version: 1.1,
  tags: elements.map(({ decl }) => ({
    name: decl.tagName,
    description: describe(decl),
    attributes: publicAttributes(decl).map((a) => ({
      name: a.name,
      description: [
        a.description,
        a.type?.text && `Type: ${a.type.text}`,
        a.default && `Default: ${a.default}`,
      ]
        .filter(Boolean)
        .join('\n\n'),
    })),
  })),
};
writeFileSync(join(pkgDir, 'vscode.html-custom-data.json'), `${JSON.stringify(vscode, null, 2)}\n`);

// JetBrains: https://github.com/JetBrains/web-types (schema v2).
const webTypes = {
  $schema: 'https://json.schemastore.org/web-types',
  name: pkg.name,
  version: pkg.version,
  'description-markup': 'markdown',
  contributions: {
    html: {
      elements: elements.map(({ decl, module }) => ({
        name: decl.tagName,
        description: describe(decl),
        source: {
          module: `${pkg.name}/${module.replace(/^dist\//, '').replace(/\.js$/, '')}`,
          symbol: decl.name,
        },
        attributes: publicAttributes(decl).map((a) => ({
          name: a.name,
          description: a.description,
          ...(a.default ? { default: a.default } : {}),
          value: { type: a.type?.text ?? 'string' },
        })),
        events: (decl.events ?? []).map((e) => ({ name: e.name, description: e.description })),
        slots: (decl.slots ?? []).map((s) => ({ name: s.name, description: s.description })),
        css: {
          parts: (decl.cssParts ?? []).map((p) => ({ name: p.name, description: p.description })),
          properties: (decl.cssProperties ?? []).map((p) => ({
            name: p.name,
            description: p.description,
          })),
        },
        js: {
          properties: (decl.members ?? [])
            .filter((m) => m.kind === 'field' && !m.privacy && !m.static)
            .map((m) => ({
              name: m.name,
              description: m.description,
              value: { type: m.type?.text ?? 'unknown' },
            })),
          events: (decl.events ?? []).map((e) => ({ name: e.name, description: e.description })),
        },
      })),
    },
  },
};
writeFileSync(join(pkgDir, 'web-types.json'), `${JSON.stringify(webTypes, null, 2)}\n`);

console.log(
  `manifest: ${elements.length} element(s) → custom-elements.json, web-types.json, vscode.html-custom-data.json`,
);
