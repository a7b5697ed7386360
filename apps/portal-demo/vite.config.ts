import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/** One page per role, plus the home page with the user picker. */
const pages = [
  'index',
  'student',
  'guardian',
  'teacher',
  'counsellor',
  'mentor',
  'admin',
  'district',
];

/** The shared header and footer, pasted into every page at build time (no runtime templating). */
function partials(): Plugin {
  return {
    name: 'portal-partials',
    transformIndexHtml: (html) =>
      html
        .replace(
          '<!-- portal:header -->',
          readFileSync(here('src/pages/partials/header.html'), 'utf8'),
        )
        .replace(
          '<!-- portal:footer -->',
          readFileSync(here('src/pages/partials/footer.html'), 'utf8'),
        ),
  };
}

export default defineConfig({
  plugins: [partials()],
  build: {
    outDir: 'dist/public',
    emptyOutDir: true,
    rollupOptions: { input: Object.fromEntries(pages.map((p) => [p, here(`${p}.html`)])) },
  },
});
