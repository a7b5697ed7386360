import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    container-type: inline-size;
    min-height: var(--xq-screening-form-min-height, 0);
    --_accent: var(--xq-screening-form-accent, var(--_xq-color-primary));
    --_on-accent: var(--xq-screening-form-on-accent, var(--_xq-color-on-primary));
    --_selected: var(--xq-screening-form-selected-background, var(--_xq-color-surface-muted));
    --_help-border: var(--xq-screening-form-help-border-color, var(--_xq-color-danger));
  }
  .card {
    background: var(--xq-screening-form-background, var(--_xq-color-surface));
    border: 1px solid var(--xq-screening-form-border-color, var(--_xq-color-border));
    border-radius: var(--xq-screening-form-radius, var(--_xq-radius-l));
    padding: var(--xq-screening-form-padding, var(--_xq-space-4));
    display: grid;
    gap: var(--_xq-space-4);
    min-width: 0;
  }
  p,
  ul {
    margin: 0;
  }
  .title {
    font-size: var(--_xq-font-size-l);
    font-weight: var(--_xq-font-weight-bold);
    line-height: 1.3;
  }
  .muted,
  .instructions,
  .attribution {
    color: var(--_xq-color-text-muted);
  }
  .attribution {
    font-size: var(--_xq-font-size-s);
  }
  .stack {
    display: grid;
    gap: var(--_xq-space-3);
  }
  .sub {
    font-weight: var(--_xq-font-weight-bold);
    font-size: var(--_xq-font-size-l);
    line-height: 1.3;
  }
  /* Headings the form moves focus to (a new screen, the help panel): not controls, no ring. */
  [tabindex='-1']:focus {
    outline: none;
  }
  form {
    display: grid;
    gap: var(--_xq-space-4);
    min-width: 0;
  }
  .progress {
    display: grid;
    gap: var(--_xq-space-1);
  }
  .progress-text {
    font-size: var(--_xq-font-size-s);
    color: var(--_xq-color-text-muted);
  }
  progress {
    inline-size: 100%;
    block-size: 0.5rem;
    accent-color: var(--_accent);
  }
  fieldset {
    border: 0;
    margin: 0;
    padding: 0;
    min-width: 0;
    display: grid;
    gap: var(--_xq-space-2);
  }
  legend {
    padding: 0;
    margin-block-end: var(--_xq-space-2);
    font-weight: var(--_xq-font-weight-bold);
    font-size: var(--_xq-font-size-m);
    overflow-wrap: anywhere;
  }
  .options {
    display: grid;
    gap: var(--_xq-space-2);
  }
  .option {
    display: flex;
    align-items: center;
    gap: var(--_xq-space-3);
    min-height: var(--_xq-touch-target);
    padding: var(--_xq-space-2) var(--_xq-space-3);
    border: 1px solid var(--_xq-color-border);
    border-radius: var(--_xq-radius-m);
    cursor: pointer;
    overflow-wrap: anywhere;
  }
  .option:has(input:checked) {
    border-color: var(--_accent);
    background: var(--_selected);
    box-shadow: inset 0 0 0 1px var(--_accent);
  }
  .option:has(input:focus-visible) {
    outline: var(--_xq-focus-ring);
    outline-offset: 2px;
  }
  input[type='radio'] {
    inline-size: 1.25rem;
    block-size: 1.25rem;
    margin: 0;
    flex: none;
    accent-color: var(--_accent);
  }
  .error {
    color: var(--_xq-color-danger);
    font-weight: var(--_xq-font-weight-bold);
  }
  .error:empty,
  .announcement:empty {
    display: none;
  }
  .nav,
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_xq-space-2);
  }
  .nav {
    justify-content: space-between;
  }
  button {
    font: inherit;
    min-height: var(--_xq-touch-target);
    min-width: var(--_xq-touch-target);
    padding: var(--_xq-space-2) var(--_xq-space-5);
    border-radius: var(--_xq-radius-pill);
    cursor: pointer;
    text-align: center;
  }
  button:focus-visible {
    outline: var(--_xq-focus-ring);
    outline-offset: 2px;
  }
  button:disabled {
    cursor: default;
    opacity: 0.6;
  }
  .primary {
    background: var(--_accent);
    color: var(--_on-accent);
    border: 1px solid var(--_accent);
    font-weight: var(--_xq-font-weight-bold);
  }
  .secondary {
    background: transparent;
    color: var(--_xq-color-text);
    border: 1px solid var(--_xq-color-border);
  }
  .nav .primary {
    margin-inline-start: auto;
  }
  .notice {
    padding: var(--_xq-space-3);
    border-radius: var(--_xq-radius-m);
    background: var(--_xq-color-surface-muted);
  }
  ul.reasons {
    padding-inline-start: var(--_xq-space-5);
  }
  /* help panel */
  .help {
    display: grid;
    gap: var(--_xq-space-3);
    padding: var(--_xq-space-4);
    border: 2px solid var(--_help-border);
    border-radius: var(--_xq-radius-l);
  }
  .help ul {
    padding-inline-start: var(--_xq-space-5);
    display: grid;
    gap: var(--_xq-space-2);
  }
  .status {
    padding: var(--_xq-space-3);
    border-radius: var(--_xq-radius-m);
    background: var(--_xq-color-surface-muted);
    border-inline-start: 4px solid var(--_xq-color-warning);
    font-weight: var(--_xq-font-weight-bold);
  }
  .status[data-status='sent'] {
    border-inline-start-color: var(--_xq-color-success);
  }
  .safety {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: var(--_xq-space-2);
    padding: var(--_xq-space-2) var(--_xq-space-3);
    border-radius: var(--_xq-radius-m);
    background: var(--_xq-color-surface-muted);
    border-inline-start: 4px solid var(--_xq-color-warning);
  }
  .safety[data-status='sent'] {
    border-inline-start-color: var(--_xq-color-success);
  }
  .sr-only {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  /* wide containers: Likert options side by side */
  @container (min-width: 40rem) {
    .options.likert {
      grid-template-columns: repeat(var(--_columns, 4), minmax(0, 1fr));
    }
    .options.likert .option {
      flex-direction: column;
      justify-content: center;
      text-align: center;
      gap: var(--_xq-space-1);
    }
    .options.likert.c2 {
      --_columns: 2;
    }
    .options.likert.c3 {
      --_columns: 3;
    }
    .card {
      padding: var(--xq-screening-form-padding, var(--_xq-space-5));
    }
  }
`;
