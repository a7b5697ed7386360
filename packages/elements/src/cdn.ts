/**
 * Entry of the CDN build (`vite build` → `dist/cdn/xinqiao.js`): one ES module that bundles Lit
 * and defines every element (guarded, so it can share a page with the npm build or a second copy
 * of itself). Add each new element's define module here. The named exports let a CDN user reach
 * the classes and events: `import { XqSignupEvent } from 'https://…/xinqiao.js'`.
 */
export * from './define/xq-provider.js';
export * from './define/xq-hotline-card.js';
export * from './define/xq-parent-school-signup.js';
export * from './define/xq-screening-form.js';
export * from './define/xq-case-timeline.js';
export {
  XqSignupEvent,
  XqCancelEvent,
} from './parent-school-signup/parent-school-signup.events.js';
export { XqCaseEventAddedEvent } from './case-timeline/case-timeline.events.js';
export {
  XqSubmitEvent,
  XqSubmittedEvent,
  XqCriticalEvent,
} from './screening-form/screening-form.events.js';
export { XqElement } from './base/xq-element.js';
export { XqEvent, XqErrorEvent } from './events.js';
