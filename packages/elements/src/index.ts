/**
 * Package entry (`@xinqiao/elements`): classes, events and tokens, with no registration side
 * effects. Import `@xinqiao/elements/define/<tag>` to register a tag.
 */
export { XqElement } from './base/xq-element.js';
export { defineElement } from './base/define-element.js';
export { XqEvent, type XqEventName, type XqEventOptions } from './events.js';
export { tokens } from './styles/tokens.js';
