import { defineElement } from '../base/define-element.js';
import { XqProvider } from '../provider/provider.js';

export { XqProvider } from '../provider/provider.js';

defineElement('xq-provider', XqProvider);

declare global {
  interface HTMLElementTagNameMap {
    'xq-provider': XqProvider;
  }
}
