// Read by `cem analyze` (run from scripts/manifest.mjs). The analyzer parses the TypeScript
// sources itself; `litelement` teaches it @property/@state and static properties — the same
// experimental decorators tsconfig.base.json compiles everywhere else.
export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/**/*.stories.ts', 'src/test/**', 'src/cdn.ts'],
  outdir: '.',
  litelement: true,
  packagejson: false,
};
