import { ContextConsumer, createContext } from '@lit/context';
import type { ReactiveControllerHost } from 'lit';
import type { XinqiaoClient } from '@xinqiao/sdk';
import type { XqLocale } from '../i18n/locale.js';

/**
 * The contexts `<xq-provider>` provides to every Xinqiao element inside it (@lit/context).
 *
 * Keys are `Symbol.for(…)`: registered symbols are shared across module copies, so an element
 * from the CDN file still finds a provider from the portal's npm bundle (and the reverse).
 */

/** Light, dark, or follow the inherited `color-scheme` (`auto`). */
export type XqTheme = 'light' | 'dark' | 'auto';

export interface XqAppearance {
  theme: XqTheme;
}

/** The SDK client, created by the provider from `base-url` and `fetchToken`. */
export const clientContext = createContext<XinqiaoClient | undefined>(
  Symbol.for('xinqiao.context.client'),
);

/**
 * Follows the nearest provider's client (undefined without one), including a provider that
 * upgrades later or is replaced: the one way every element receives the client.
 */
export function consumeClient(
  host: HTMLElement & ReactiveControllerHost,
  set: (client: XinqiaoClient | undefined) => void,
): void {
  new ContextConsumer(host, { context: clientContext, subscribe: true, callback: set });
}

/** The locale the provider sets for everything inside it (`locale` attribute). */
export const localeContext = createContext<XqLocale | undefined>(
  Symbol.for('xinqiao.context.locale'),
);

/** The provider's appearance (`theme` attribute). */
export const appearanceContext = createContext<XqAppearance | undefined>(
  Symbol.for('xinqiao.context.appearance'),
);
