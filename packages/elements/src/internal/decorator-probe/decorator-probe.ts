import { html } from 'lit';
import { property, state } from 'lit/decorators.js';
import { XqElement } from '../../base/xq-element.js';
import { XqProbeIncrementEvent } from './decorator-probe.events.js';
import { styles } from './decorator-probe.styles.js';

/**
 * **Pipeline probe, not a product element.** It exists to prove that the one decorator mode
 * fixed in `tsconfig.base.json` (`experimentalDecorators: true`, `useDefineForClassFields:
 * false`) holds in every pipeline that compiles the elements: `tsc`, esbuild in web-test-runner,
 * vite/oxc for the CDN bundle and Storybook, and the custom-elements-manifest analyzer. Its
 * tests fail if any of them compiles `@property`/`@state` differently. It is in the CDN file
 * only so the bundle can be tested; remove it from `src/cdn.ts` once a product element's
 * tests cover the bundle.
 *
 * @summary A counter button that proves `@property`, `@state` and typed events work.
 * @tagname xq-decorator-probe
 * @event {XqProbeIncrementEvent} xq-probe-increment - After a click raised `count`; carries the new value as `event.count`.
 * @csspart button - The increment button.
 * @csspart value - The `<output>` showing `count`.
 * @cssproperty --xq-decorator-probe-gap - Space between the button and the count.
 */
export class XqDecoratorProbe extends XqElement {
  static override styles = [XqElement.styles, styles];

  /** The current value; reflected to the `count` attribute. */
  @property({ type: Number, reflect: true })
  count = 0;

  /** Accessible text of the increment button. */
  @property()
  label = '加一';

  /** Clicks since connection. Internal reactive state, rendered as `data-clicks` on the count. */
  @state()
  private clicks = 0;

  override render() {
    return html`
      <button part="button" type="button" @click=${this.increment}>${this.label}</button>
      <output part="value" aria-live="polite" data-clicks=${this.clicks}>${this.count}</output>
    `;
  }

  private increment(): void {
    this.count += 1;
    this.clicks += 1;
    this.emit(new XqProbeIncrementEvent(this.count));
  }
}
