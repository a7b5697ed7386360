/**
 * Entry of the CDN build (`vite build` → `dist/cdn/xinqiao.js`): one ES module that bundles Lit
 * and defines every element (guarded, so it can share a page with the npm build). Add each new
 * element's define module here. The named exports let a CDN user reach the classes and events:
 * `import { XqEvent } from 'https://…/xinqiao.js'`.
 */
export * from './define/xq-decorator-probe.js';
export { XqProbeIncrementEvent } from './internal/decorator-probe/decorator-probe.events.js';
export { XqElement } from './base/xq-element.js';
export { XqEvent } from './events.js';
