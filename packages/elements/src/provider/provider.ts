import { ContextProvider } from '@lit/context';
import { createClient, createOutbox, type OutboxStore, type XinqiaoClient } from '@xinqiao/sdk';
import { css, html, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { XqElement } from '../base/xq-element.js';
import {
  appearanceContext,
  clientContext,
  localeContext,
  type XqAppearance,
  type XqTheme,
} from '../context/contexts.js';
import { matchLocale } from '../i18n/locale.js';

/** Returns a fresh embed token from the portal's backend (`POST /v1/embed-sessions` there). */
export type FetchToken = () => Promise<string>;

const styles = css`
  :host {
    display: contents;
  }
  :host([theme='light']) {
    color-scheme: light;
  }
  :host([theme='dark']) {
    color-scheme: dark;
  }
`;

/**
 * Connects every Xinqiao element inside it to the API, and sets their locale and theme.
 *
 * It creates the SDK client from `base-url` and the `fetchToken` callback (the portal's backend
 * mints short-lived embed tokens; no cookies) and provides it, the locale and the appearance
 * through @lit/context. Elements that upgrade before the provider still receive them (a
 * `ContextRoot` on the document replays their requests). It renders its children unchanged
 * (`display: contents`). Elements that can work without an API (the hotline card) do so when
 * there is no provider.
 *
 * ```html
 * <xq-provider base-url="https://xinqiao.example.edu.cn" locale="zh-CN">
 *   <xq-hotline-card org-unit="…"></xq-hotline-card>
 * </xq-provider>
 * <script type="module">
 *   document.querySelector('xq-provider').fetchToken = () =>
 *     fetch('/portal/xinqiao-token', { method: 'POST' }).then((r) => r.text());
 * </script>
 * ```
 *
 * @summary Provides the API client, locale and theme to the Xinqiao elements inside it.
 * @tagname xq-provider
 * @slot - The page content with Xinqiao elements.
 */
export class XqProvider extends XqElement {
  static override styles = [XqElement.styles, styles];

  /** Base URL of the Xinqiao API, e.g. `https://xinqiao.example.edu.cn`. No client without it. */
  @property({ attribute: 'base-url' })
  baseUrl = '';

  /**
   * Locale of every element inside (`zh-CN` or `en`; other `zh-*`/`en-*` tags map to these).
   * Empty: each element follows the nearest `lang` attribute.
   */
  @property()
  locale = '';

  /**
   * `light`, `dark`, or `auto` (follow the inherited `color-scheme`). Sets `color-scheme` on the
   * provider, which the elements' colour tokens follow.
   */
  @property({ reflect: true })
  theme: XqTheme = 'auto';

  /**
   * Returns a fresh embed token. The SDK calls it before the first request and when the token
   * expires. Set it as a property (functions cannot be attributes).
   */
  @property({ attribute: false })
  fetchToken: FetchToken | undefined = undefined;

  /**
   * An embed token the page already has (the portal rendered it into the page): the first
   * requests use it instead of waiting for `fetchToken`, which saves a round trip on slow
   * networks. `fetchToken` still replaces it when it expires. A property only: a credential has no
   * place among the element's attributes (markup that is copied, serialized and inspected).
   */
  @property({ attribute: false })
  token: string | undefined = undefined;

  /**
   * A ready client to provide instead of creating one (tests, or a portal that shares one client
   * with its own code). Takes precedence over `base-url` and `fetchToken`.
   */
  @property({ attribute: false })
  client: XinqiaoClient | undefined = undefined;

  private readonly clientProvider = new ContextProvider(this, { context: clientContext });
  private readonly localeProvider = new ContextProvider(this, { context: localeContext });
  private outbox: OutboxStore | undefined;
  private readonly appearanceProvider = new ContextProvider(this, {
    context: appearanceContext,
    initialValue: { theme: 'auto' } satisfies XqAppearance,
  });

  /** The client the provider currently provides (created or given). */
  get currentClient(): XinqiaoClient | undefined {
    return this.clientProvider.value;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (
      changed.has('client') ||
      changed.has('baseUrl') ||
      changed.has('fetchToken') ||
      changed.has('token') ||
      changed.has('locale')
    ) {
      this.clientProvider.setValue(this.client ?? this.createClientFromAttributes());
    }
    if (changed.has('locale')) this.localeProvider.setValue(matchLocale(this.locale));
    if (changed.has('theme')) {
      const theme: XqTheme = this.theme === 'light' || this.theme === 'dark' ? this.theme : 'auto';
      this.appearanceProvider.setValue({ theme });
    }
  }

  override render() {
    return html`<slot></slot>`;
  }

  private createClientFromAttributes(): XinqiaoClient | undefined {
    if (!this.baseUrl) return undefined;
    const locale = matchLocale(this.locale);
    return createClient({
      baseUrl: this.baseUrl,
      ...(this.fetchToken ? { fetchToken: this.fetchToken } : {}),
      ...(this.token ? { token: this.token } : {}),
      // The server answers (messages, errors) in the page's language.
      ...(locale ? { locale } : {}),
      // Answers and safety signals survive reloads and dead school networks (IndexedDB); one
      // outbox per provider, kept when the client is re-created for another locale.
      outbox: (this.outbox ??= createOutbox()),
    });
  }
}
