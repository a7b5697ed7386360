import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    container-type: inline-size;
    min-height: var(--xq-hotline-card-min-height, 0);
    --_accent: var(--xq-hotline-card-accent, var(--_xq-color-primary));
    --_on-accent: var(--xq-hotline-card-on-accent, var(--_xq-color-on-primary));
    --_emergency: var(--xq-hotline-card-emergency-color, var(--_xq-color-danger));
    --_on-emergency: var(--xq-hotline-card-on-emergency-color, var(--_xq-color-on-danger));
  }
  .card {
    background: var(--xq-hotline-card-background, var(--_xq-color-surface));
    border: 1px solid var(--xq-hotline-card-border-color, var(--_xq-color-border));
    border-radius: var(--xq-hotline-card-radius, var(--_xq-radius-l));
    padding: var(--xq-hotline-card-padding, var(--_xq-space-4));
    display: grid;
    gap: var(--_xq-space-3);
  }
  .title {
    margin: 0;
    font-size: var(--_xq-font-size-l);
    font-weight: var(--_xq-font-weight-bold);
    line-height: 1.3;
  }
  p {
    margin: 0;
  }
  .intro,
  .notice,
  .note {
    color: var(--_xq-color-text-muted);
  }
  .notice:empty,
  .announcement:empty {
    display: none;
  }
  .announcement {
    color: var(--_xq-color-success);
    font-weight: var(--_xq-font-weight-bold);
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--_xq-space-3);
  }
  .line {
    display: grid;
    gap: var(--_xq-space-2);
    padding: var(--_xq-space-3);
    border-radius: var(--_xq-radius-m);
    background: var(--_xq-color-surface-muted);
  }
  .head {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: var(--_xq-space-1) var(--_xq-space-2);
  }
  .name {
    font-weight: var(--_xq-font-weight-bold);
  }
  .scope {
    font-size: var(--_xq-font-size-s);
    color: var(--_xq-color-text-muted);
  }
  .hours {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_xq-space-1) var(--_xq-space-2);
    font-size: var(--_xq-font-size-s);
    color: var(--_xq-color-text-muted);
  }
  .status {
    font-weight: var(--_xq-font-weight-bold);
  }
  .status.open {
    color: var(--_xq-color-success);
  }
  .status.closed {
    color: var(--_xq-color-warning);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_xq-space-2);
  }
  a,
  button {
    font: inherit;
    min-height: var(--_xq-touch-target);
    min-width: var(--_xq-touch-target);
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: var(--_xq-space-1);
    padding: var(--_xq-space-2) var(--_xq-space-4);
    border-radius: var(--_xq-radius-pill);
    text-align: center;
    text-decoration: none;
    cursor: pointer;
  }
  a:focus-visible,
  button:focus-visible {
    outline: var(--_xq-focus-ring);
    outline-offset: 2px;
  }
  .call {
    flex: 1 1 auto;
    background: var(--_accent);
    color: var(--_on-accent);
    border: 1px solid var(--_accent);
    font-weight: var(--_xq-font-weight-bold);
  }
  .copy {
    background: transparent;
    color: var(--_xq-color-text);
    border: 1px solid var(--_xq-color-border);
  }
  .emergency {
    display: grid;
    gap: var(--_xq-space-2);
    padding-top: var(--_xq-space-3);
    border-top: 1px solid var(--_xq-color-border);
  }
  .emergency .actions a {
    background: var(--_emergency);
    border-color: var(--_emergency);
    color: var(--_on-emergency);
    flex: 1 1 8rem;
  }
  .subtitle {
    margin: 0;
    font-size: var(--_xq-font-size-m);
    font-weight: var(--_xq-font-weight-bold);
  }
  .offscreen {
    position: fixed;
    inset-inline-start: -100vw;
    opacity: 0;
  }
  /* compact: one row per line, no hours detail */
  :host([variant='compact']) .line {
    grid-template-columns: 1fr auto;
    align-items: center;
  }
  :host([variant='compact']) .copy,
  :host([variant='compact']) .detail {
    display: none;
  }
  /* crisis: emergency first and prominent */
  :host([variant='crisis']) .card {
    border-color: var(--_emergency);
    border-width: 2px;
  }
  :host([variant='crisis']) .emergency {
    border-top: 0;
    padding-top: 0;
  }
  @container (min-width: 34rem) {
    :host(:not([variant='compact'])) ul {
      grid-template-columns: repeat(2, minmax(0, 1fr));
    }
  }
`;
