import { LitElement, css, type CSSResultGroup } from 'lit';
import { tokens } from '../styles/tokens.js';
import type { XqEvent } from '../events.js';
import { ensureContextRoot } from '../context/context-root.js';

/**
 * Base class of every Xinqiao element.
 *
 * What it gives a subclass (and nothing more, on purpose):
 * - `static styles` with the design tokens (`--_xq-*`, see `styles/tokens.ts`) and host
 *   defaults: `box-sizing`, the token font, `[hidden]` honoured. A subclass composes:
 *   `static override styles = [XqElement.styles, styles];`
 * - `emit(event)`: dispatches one of the typed `XqEvent`s from `events.ts` and returns whether
 *   it was not cancelled, so call sites read as `if (this.emit(new XqSubmitEvent(...)))`.
 * - a document-level @lit/context `ContextRoot` (`context/context-root.ts`), attached when the
 *   first element connects, so an element that upgrades before its `<xq-provider>` still gets
 *   the client, locale and appearance once the provider arrives.
 *
 * It does not register anything (registration lives in `src/define/`) and has no tag of its
 * own. Locale: add a `LocalizeController` (`i18n/localize.ts`) with the element's catalogs.
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

  override connectedCallback(): void {
    ensureContextRoot(this.ownerDocument);
    super.connectedCallback();
  }

  /** Dispatches `event` from this element; `false` if a listener called `preventDefault()`. */
  protected emit(event: XqEvent): boolean {
    return this.dispatchEvent(event);
  }
}
