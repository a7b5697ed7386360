import { defineElement } from '../base/define-element.js';
import { XqHotlineCard } from '../hotline-card/hotline-card.js';

export { XqHotlineCard } from '../hotline-card/hotline-card.js';

defineElement('xq-hotline-card', XqHotlineCard);

declare global {
  interface HTMLElementTagNameMap {
    'xq-hotline-card': XqHotlineCard;
  }
}
