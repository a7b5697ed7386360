// A tiny vite/rolldown plugin for the browser bundles (CDN file, size entries): minifies the CSS
// inside Lit's css`…` templates in our own sources (whitespace and comments only; our styles have
// no ${} interpolations, and a template that has one is left alone). Saves a few hundred bytes
// of brotli per element, which matters under the 12 kB hotline-card budget.
const template = /\bcss`([^`]*)`/g;

export function minifyLitCss() {
  return {
    name: 'xinqiao-minify-lit-css',
    transform(code, id) {
      if (!/\/packages\/elements\/src\/.*\.ts$/.test(id) || !code.includes('css`')) return null;
      const out = code.replace(template, (whole, body) => {
        if (body.includes('${')) return whole;
        const min = body
          .replace(/\/\*[\s\S]*?\*\//g, '')
          .replace(/\s+/g, ' ')
          .replace(/\s*([{};,>])\s*/g, '$1')
          .replace(/;}/g, '}')
          .trim();
        return `css\`${min}\``;
      });
      return out === code ? null : { code: out, map: null };
    },
  };
}
