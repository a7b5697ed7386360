import { defineElement } from '../base/define-element.js';
import { XqParentSchoolSignup } from '../parent-school-signup/parent-school-signup.js';

export { XqParentSchoolSignup } from '../parent-school-signup/parent-school-signup.js';

defineElement('xq-parent-school-signup', XqParentSchoolSignup);

declare global {
  interface HTMLElementTagNameMap {
    'xq-parent-school-signup': XqParentSchoolSignup;
  }
}
