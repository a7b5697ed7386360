import { defineElement } from '../base/define-element.js';
import { XqDecoratorProbe } from '../internal/decorator-probe/decorator-probe.js';

export { XqDecoratorProbe } from '../internal/decorator-probe/decorator-probe.js';

defineElement('xq-decorator-probe', XqDecoratorProbe);

declare global {
  interface HTMLElementTagNameMap {
    'xq-decorator-probe': XqDecoratorProbe;
  }
}
