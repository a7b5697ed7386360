import { defineElement } from '../base/define-element.js';
import { XqCaseTimeline } from '../case-timeline/case-timeline.js';

export { XqCaseTimeline } from '../case-timeline/case-timeline.js';

defineElement('xq-case-timeline', XqCaseTimeline);

declare global {
  interface HTMLElementTagNameMap {
    'xq-case-timeline': XqCaseTimeline;
  }
}
