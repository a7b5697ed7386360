import { defineElement } from '../base/define-element.js';
import { XqScreeningForm } from '../screening-form/screening-form.js';
// The help panel shows <xq-hotline-card variant="crisis">: registering the form registers it too.
import './xq-hotline-card.js';

export { XqScreeningForm } from '../screening-form/screening-form.js';

defineElement('xq-screening-form', XqScreeningForm);

declare global {
  interface HTMLElementTagNameMap {
    'xq-screening-form': XqScreeningForm;
  }
}
