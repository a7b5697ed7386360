import { ContextConsumer } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { localeContext } from '../context/contexts.js';
import { defaultLocale, matchLocale, nearestLang, type XqLocale } from './locale.js';

/** A message: a string, or a function of typed arguments (plurals, numbers, names). */
export type Message = string | ((...args: never[]) => string);

/** A catalog: message keys to messages. zh-CN is written first and is the source of the keys. */
export type Catalog = Record<string, Message>;

/**
 * The shape every other locale must match: the source catalog's keys, each a string or a function
 * with the same parameters. A missing or misspelt key, or a function where the source has a
 * string, is a type error — so `en` cannot silently lag behind `zh-CN`.
 */
export type Translation<Source extends Catalog> = {
  readonly [K in keyof Source]: Source[K] extends string ? string : Source[K];
};

/** One catalog per supported locale. */
export interface Catalogs<Source extends Catalog> {
  'zh-CN': Source;
  en: Translation<Source>;
}

type Args<M> = M extends (...args: infer A) => string ? A : [];

type Host = ReactiveControllerHost & HTMLElement;

// One MutationObserver per document for `lang` changes, shared by every connected controller.
const listeners = new Set<() => void>();
let observer: MutationObserver | undefined;
function watchLang(listener: () => void): () => void {
  listeners.add(listener);
  if (!observer) {
    observer = new MutationObserver(() => listeners.forEach((l) => l()));
    observer.observe(document.documentElement, {
      subtree: true,
      attributes: true,
      attributeFilter: ['lang'],
    });
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      observer?.disconnect();
      observer = undefined;
    }
  };
}

/**
 * Element-scoped localization (ARCHITECTURE §5; the Web Awesome pattern, not @lit/localize, which
 * is configured once per page and would clash with a portal's own use or a second copy of ours).
 *
 * The locale, first match wins:
 * 1. the element's own `lang` attribute;
 * 2. the `locale` of the enclosing `<xq-provider>` (context);
 * 3. the `lang` of the nearest ancestor (crossing shadow roots), `<html lang>` included;
 * 4. zh-CN.
 * Unsupported tags are skipped (`zh-TW` → zh-CN, `en-GB` → en, `fr` → next rule). A change of the
 * provider's locale or of any `lang` attribute in the document re-renders the host.
 *
 * ```ts
 * private readonly i18n = new LocalizeController(this, { 'zh-CN': zh, en });
 * render() { return html`<h2>${this.i18n.t('title')}</h2>`; }
 * ```
 */
export class LocalizeController<Source extends Catalog> implements ReactiveController {
  private providerLocale: XqLocale | undefined;
  private stopWatching: (() => void) | undefined;
  private last: XqLocale | undefined;

  constructor(
    private readonly host: Host,
    private readonly catalogs: Catalogs<Source>,
  ) {
    host.addController(this);
    new ContextConsumer(host, {
      context: localeContext,
      subscribe: true,
      callback: (value) => {
        this.providerLocale = value;
        this.refresh();
      },
    });
  }

  /** The locale messages are rendered in now. */
  get locale(): XqLocale {
    return (
      matchLocale(this.host.getAttribute('lang')) ??
      this.providerLocale ??
      matchLocale(nearestLang(this.host)) ??
      defaultLocale
    );
  }

  /** The message `key` in the current locale, applied to `args` when it is a function. */
  t<K extends keyof Source & string>(key: K, ...args: Args<Source[K]>): string {
    const catalog = this.catalogs[this.locale] as Catalog;
    const message = catalog[key] ?? (this.catalogs['zh-CN'][key] as Message);
    return typeof message === 'function'
      ? (message as (...a: Args<Source[K]>) => string)(...args)
      : message;
  }

  hostConnected(): void {
    this.last = this.locale;
    this.stopWatching = watchLang(() => this.refresh());
  }

  hostDisconnected(): void {
    this.stopWatching?.();
    this.stopWatching = undefined;
  }

  private refresh(): void {
    const now = this.locale;
    if (now !== this.last) {
      this.last = now;
      this.host.requestUpdate();
    }
  }
}
