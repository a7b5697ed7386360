import { LitElement, css, type CSSResultGroup } from 'lit';
import { tokens } from '../styles/tokens.js';
import type { XqEvent } from '../events.js';

/**
 * Base class of every Xinqiao element.
 *
 * What it gives a subclass (and nothing more, on purpose):
 * - `static styles` with the design tokens (`--_xq-*`, see `styles/tokens.ts`) and host
 *   defaults: `box-sizing`, the token font, `[hidden]` honoured. A subclass composes:
 *   `static override styles = [XqElement.styles, styles];`
 * - `emit(event)`: dispatches one of the typed `XqEvent`s from `events.ts` and returns whether
 *   it was not cancelled, so call sites read as `if (this.emit(new XqSubmitEvent(...)))`.
 *
 * It does not register anything (registration lives in `src/define/`), does not read context
 * or locale (issue #7 adds the provider and the localization controller) and has no tag of its
 * own.
 */
export abstract class XqElement extends LitElement {
  static override styles: CSSResultGroup = [
    tokens,
    css`
      :host {
        box-sizing: border-box;
        font-family: var(--_xq-font-family);
        font-size: var(--_xq-font-size-m);
        line-height: var(--_xq-font-line-height);
        color: var(--_xq-color-text);
      }
      :host([hidden]) {
        display: none !important;
      }
      *,
      *::before,
      *::after {
        box-sizing: inherit;
      }
    `,
  ];

  /** Dispatches `event` from this element; `false` if a listener called `preventDefault()`. */
  protected emit(event: XqEvent): boolean {
    return this.dispatchEvent(event);
  }
}
