import { css } from 'lit';

/**
 * Xinqiao design tokens, as a Lit `css` for `static styles` (a constructable stylesheet, so it
 * works under a strict `style-src 'self'` CSP).
 *
 * Two layers:
 * - **Public tokens `--xq-color-*`, `--xq-space-*`, `--xq-radius-*`, `--xq-font-*`** are what a
 *   portal sets, on any ancestor (`:root`, a wrapper, the element itself): custom properties
 *   inherit through shadow roots. We never declare them, so a portal's value always reaches us.
 * - **Resolved tokens `--_xq-*`** are declared on each element's `:host` as
 *   `var(--xq-<token>, <default>)`. Element styles use only these (`var(--_xq-color-text)`).
 *
 * Per-element knobs are `--xq-<element>-*`, defaulting to a resolved token:
 * `background: var(--xq-hotline-card-background, var(--_xq-color-surface));`.
 *
 * Light and dark: colour defaults follow the inherited `color-scheme`. A portal (or Storybook's
 * theme toolbar) switches our elements to dark by setting `color-scheme: dark` on any ancestor,
 * or `color-scheme: light dark` to follow the OS. Browsers without `light-dark()` (before
 * Chrome 123 / Firefox 120 / Safari 17.5) get the light defaults; a portal can still set the
 * public colour tokens itself.
 */
export const tokens = css`
  :host {
    /* colour (light defaults; contrast ≥ 4.5:1 for text on surface) */
    --_xq-color-surface: var(--xq-color-surface, #ffffff);
    --_xq-color-surface-muted: var(--xq-color-surface-muted, #f3f5f7);
    --_xq-color-text: var(--xq-color-text, #1d2530);
    --_xq-color-text-muted: var(--xq-color-text-muted, #51606f);
    --_xq-color-border: var(--xq-color-border, #c5ced8);
    --_xq-color-primary: var(--xq-color-primary, #1f6f5c);
    --_xq-color-on-primary: var(--xq-color-on-primary, #ffffff);
    --_xq-color-focus: var(--xq-color-focus, #1a5fb4);
    --_xq-color-danger: var(--xq-color-danger, #b3261e);
    --_xq-color-on-danger: var(--xq-color-on-danger, #ffffff);
    --_xq-color-success: var(--xq-color-success, #2e7d32);
    --_xq-color-warning: var(--xq-color-warning, #8a5a00);

    /* space (4 px grid) */
    --_xq-space-1: var(--xq-space-1, 0.25rem);
    --_xq-space-2: var(--xq-space-2, 0.5rem);
    --_xq-space-3: var(--xq-space-3, 0.75rem);
    --_xq-space-4: var(--xq-space-4, 1rem);
    --_xq-space-5: var(--xq-space-5, 1.5rem);
    --_xq-space-6: var(--xq-space-6, 2rem);

    /* radius */
    --_xq-radius-s: var(--xq-radius-s, 4px);
    --_xq-radius-m: var(--xq-radius-m, 8px);
    --_xq-radius-l: var(--xq-radius-l, 16px);
    --_xq-radius-pill: var(--xq-radius-pill, 999px);

    /* font (CJK-first system stacks: no web font download) */
    --_xq-font-family: var(
      --xq-font-family,
      system-ui,
      -apple-system,
      'PingFang SC',
      'Hiragino Sans GB',
      'Microsoft YaHei',
      'Noto Sans CJK SC',
      'Source Han Sans SC',
      sans-serif
    );
    --_xq-font-size-s: var(--xq-font-size-s, 0.875rem);
    --_xq-font-size-m: var(--xq-font-size-m, 1rem);
    --_xq-font-size-l: var(--xq-font-size-l, 1.25rem);
    --_xq-font-weight-regular: var(--xq-font-weight-regular, 400);
    --_xq-font-weight-bold: var(--xq-font-weight-bold, 600);
    --_xq-font-line-height: var(--xq-font-line-height, 1.6);

    /* interaction (derived, not themable on their own) */
    --_xq-touch-target: 44px;
    --_xq-focus-ring: 2px solid var(--_xq-color-focus);
  }

  @supports (color: light-dark(#000, #fff)) {
    :host {
      --_xq-color-surface: var(--xq-color-surface, light-dark(#ffffff, #14181d));
      --_xq-color-surface-muted: var(--xq-color-surface-muted, light-dark(#f3f5f7, #1f252c));
      --_xq-color-text: var(--xq-color-text, light-dark(#1d2530, #e6eaee));
      --_xq-color-text-muted: var(--xq-color-text-muted, light-dark(#51606f, #a9b4bf));
      --_xq-color-border: var(--xq-color-border, light-dark(#c5ced8, #3a444f));
      --_xq-color-primary: var(--xq-color-primary, light-dark(#1f6f5c, #6fd1b4));
      --_xq-color-on-primary: var(--xq-color-on-primary, light-dark(#ffffff, #08241d));
      --_xq-color-focus: var(--xq-color-focus, light-dark(#1a5fb4, #8cb8ff));
      --_xq-color-danger: var(--xq-color-danger, light-dark(#b3261e, #ffb4ab));
      --_xq-color-on-danger: var(--xq-color-on-danger, light-dark(#ffffff, #410e0b));
      --_xq-color-success: var(--xq-color-success, light-dark(#2e7d32, #8fd694));
      --_xq-color-warning: var(--xq-color-warning, light-dark(#8a5a00, #f2c46d));
    }
  }
`;
