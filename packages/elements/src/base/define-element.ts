/**
 * The one way Xinqiao registers a tag. Every `src/define/<tag>.ts` module calls this.
 *
 * Guarded: if the tag is already registered (a second copy of the elements on the page, e.g.
 * the portal's own bundle plus the CDN file, or a module evaluated twice), it keeps the existing
 * definition instead of throwing `NotSupportedError`. The first copy wins; both copies keep
 * working against the same tag.
 *
 * @returns the constructor registered for `tagName` after the call (which may be another copy's).
 */
export function defineElement(
  tagName: `xq-${string}`,
  constructor: CustomElementConstructor,
  registry: CustomElementRegistry = globalThis.customElements,
): CustomElementConstructor {
  const existing = registry.get(tagName);
  if (existing) return existing;
  registry.define(tagName, constructor);
  return constructor;
}
