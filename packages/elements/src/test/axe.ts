import { expect } from '@open-wc/testing';

/** Options for `expectAccessible`; each ignored rule needs a comment at the call site saying why. */
export interface AccessibleOptions {
  /** axe rule ids to skip, e.g. `['color-contrast']`. */
  ignoredRules?: string[];
}

/**
 * The axe check every component suite runs (ARCHITECTURE §7): fails the test with axe's
 * violations if `el` (its shadow DOM included) has any. Run it once per visual state that
 * matters (default, error, dark theme…), after `await el.updateComplete`.
 */
export async function expectAccessible(
  el: Element,
  options: AccessibleOptions = {},
): Promise<void> {
  await expect(el).to.be.accessible(options);
}
