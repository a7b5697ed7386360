/** Locales the elements ship catalogs for. zh-CN is the source; en is complete. */
export const xqLocales = ['zh-CN', 'en'] as const;
export type XqLocale = (typeof xqLocales)[number];

/** The locale used when nothing on the page says otherwise: Chinese first. */
export const defaultLocale: XqLocale = 'zh-CN';

/**
 * Maps a BCP 47 tag (`lang` attribute, provider `locale`) to a supported locale: any `zh*` →
 * zh-CN, any `en*` → en, anything else (or nothing) → undefined.
 */
export function matchLocale(tag: string | null | undefined): XqLocale | undefined {
  const lower = tag?.trim().toLowerCase();
  if (!lower) return undefined;
  if (lower === 'zh' || lower.startsWith('zh-')) return 'zh-CN';
  if (lower === 'en' || lower.startsWith('en-')) return 'en';
  return undefined;
}

/** The nearest `lang` on `el` or its ancestors, crossing shadow roots. */
export function nearestLang(el: Element): string | undefined {
  let node: Node | null = el;
  while (node) {
    if (node instanceof Element) {
      const lang = node.getAttribute('lang');
      if (lang) return lang;
      node = node.assignedSlot ?? node.parentNode;
    } else if (node instanceof ShadowRoot) {
      node = node.host;
    } else {
      node = node.parentNode;
    }
  }
  return undefined;
}
