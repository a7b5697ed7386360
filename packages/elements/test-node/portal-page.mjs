// The three origins of the plain-HTML example (examples/html/): the portal page, the CDN and the
// API, each a local server on its own port. Used by the CSP test, the benchmark and screenshots.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { serve } from './servers.mjs';

const pkgDir = fileURLToPath(new URL('..', import.meta.url));
const read = (path) => readFileSync(`${pkgDir}/${path}`);

/** The CSP a portal sends for the example page (docs/csp.md explains each directive). */
export function portalCsp({ cdn, api, allowDuplicates = false }) {
  return [
    "default-src 'self'",
    `script-src 'self' ${cdn}`,
    `connect-src 'self' ${api}`,
    "style-src 'self'",
    "require-trusted-types-for 'script'",
    `trusted-types lit-html${allowDuplicates ? " 'allow-duplicates'" : ''}`,
  ].join('; ');
}

/** Serves dist/cdn/xinqiao.js as a CDN would: cross-origin module scripts need CORS. */
export function startCdn() {
  const cdnFile = () => ({
    body: read('dist/cdn/xinqiao.js'),
    type: 'text/javascript; charset=utf-8',
  });
  return serve(
    { '/xinqiao/xinqiao.js': cdnFile },
    { headers: { 'access-control-allow-origin': '*', 'cache-control': 'no-store' } },
  );
}

/**
 * Serves the example page with `cdn` and `api` put in place of the example origins.
 * `token` is the portal backend's token endpoint (`POST /portal/xinqiao-token`): by default a
 * placeholder; the CSP test mints real embed tokens from the API.
 * `orgUnit` replaces the example's school id.
 * @param {{ cdn: string, api: string, csp?: string, extraHead?: string, token?: () => Promise<string>, orgUnit?: () => string }} options
 */
export function startPortal({ cdn, api, csp, extraHead = '', token, orgUnit }) {
  const page = () => ({
    body: read('examples/html/index.html')
      .toString()
      .replaceAll('https://cdn.example.edu.cn', cdn)
      .replaceAll('https://api.example.edu.cn', api)
      .replaceAll('ou_demo_school', orgUnit ? orgUnit() : 'ou_demo_school')
      .replace('</head>', `${extraHead}</head>`),
    type: 'text/html; charset=utf-8',
    headers: csp ? { 'content-security-policy': csp } : {},
  });
  return serve({
    '/': page,
    '/portal.js': { body: read('examples/html/portal.js'), type: 'text/javascript' },
    '/portal.css': { body: read('examples/html/portal.css'), type: 'text/css' },
    '/portal/xinqiao-token': async () => ({
      body: token ? await token() : 'example-token',
      type: 'text/plain',
      headers: { 'cache-control': 'no-store' },
    }),
  });
}
