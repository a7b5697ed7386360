import { css } from 'lit';

export const styles = css`
  :host {
    display: inline-flex;
    align-items: center;
    gap: var(--xq-decorator-probe-gap, var(--_xq-space-3));
    padding: var(--_xq-space-2);
    border: 1px solid var(--_xq-color-border);
    border-radius: var(--_xq-radius-m);
    background: var(--_xq-color-surface);
  }
  button {
    min-block-size: var(--_xq-touch-target);
    min-inline-size: var(--_xq-touch-target);
    padding-inline: var(--_xq-space-4);
    border: 0;
    border-radius: var(--_xq-radius-pill);
    background: var(--_xq-color-primary);
    color: var(--_xq-color-on-primary);
    font: inherit;
    font-weight: var(--_xq-font-weight-bold);
    cursor: pointer;
  }
  button:focus-visible {
    outline: var(--_xq-focus-ring);
    outline-offset: 2px;
  }
  output {
    min-inline-size: 2ch;
    font-size: var(--_xq-font-size-l);
    font-variant-numeric: tabular-nums;
  }
`;
