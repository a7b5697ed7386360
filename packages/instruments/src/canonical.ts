import type { Item } from '@xinqiao/contracts/instruments';

/**
 * The canonical JSON of an instrument's items and options (ids, codes, zh-CN and en texts), in
 * item order, with a fixed key order. `contentHash` is `sha256:` + the hex SHA-256 of its UTF-8
 * bytes. Hashing is left to the caller (node:crypto on the server and in the tests, SubtleCrypto
 * in a browser), so this package stays synchronous and free of hand-written crypto.
 */
export function canonicalContent(items: readonly Item[]): string {
  return JSON.stringify(
    items.map((item) => ({
      id: item.id,
      text: { 'zh-CN': item.text['zh-CN'], en: item.text.en },
      options: item.options.map((option) => ({
        code: option.code,
        label: { 'zh-CN': option.label['zh-CN'], en: option.label.en },
      })),
    })),
  );
}
