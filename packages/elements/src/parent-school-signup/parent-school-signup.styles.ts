import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    container-type: inline-size;
    min-height: var(--xq-parent-school-signup-min-height, 0);
    --_accent: var(--xq-parent-school-signup-accent, var(--_xq-color-primary));
  }
  .card {
    background: var(--xq-parent-school-signup-background, var(--_xq-color-surface));
    border: 1px solid var(--xq-parent-school-signup-border-color, var(--_xq-color-border));
    border-radius: var(--xq-parent-school-signup-radius, var(--_xq-radius-l));
    padding: var(--xq-parent-school-signup-padding, var(--_xq-space-4));
    display: grid;
    gap: var(--_xq-space-3);
  }
  p {
    margin: 0;
  }
  .title {
    font-size: var(--_xq-font-size-l);
    font-weight: var(--_xq-font-weight-bold);
    line-height: 1.3;
  }
  .muted,
  .meta {
    color: var(--_xq-color-text-muted);
  }
  .filters {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_xq-space-3);
    align-items: end;
  }
  fieldset {
    border: 0;
    margin: 0;
    padding: 0;
    display: flex;
    flex-wrap: wrap;
    gap: var(--_xq-space-1) var(--_xq-space-3);
    align-items: center;
  }
  legend {
    padding: 0;
    margin-bottom: var(--_xq-space-1);
    font-weight: var(--_xq-font-weight-bold);
  }
  .choice {
    display: inline-flex;
    align-items: center;
    gap: var(--_xq-space-1);
    min-height: var(--_xq-touch-target);
  }
  input[type='radio'] {
    width: 1.25rem;
    height: 1.25rem;
    margin: 0;
    accent-color: var(--_accent);
  }
  .field {
    display: grid;
    gap: var(--_xq-space-1);
    font-weight: var(--_xq-font-weight-bold);
  }
  select {
    font: inherit;
    font-weight: var(--_xq-font-weight-regular);
    min-height: var(--_xq-touch-target);
    padding: var(--_xq-space-2);
    border: 1px solid var(--_xq-color-border);
    border-radius: var(--_xq-radius-m);
    background: var(--_xq-color-surface);
    color: var(--_xq-color-text);
    max-width: 100%;
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--_xq-space-3);
  }
  .session {
    display: grid;
    gap: var(--_xq-space-2);
    padding: var(--_xq-space-3);
    border-radius: var(--_xq-radius-m);
    background: var(--_xq-color-surface-muted);
    justify-items: start;
  }
  .topic {
    font-weight: var(--_xq-font-weight-bold);
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_xq-space-1) var(--_xq-space-3);
    font-size: var(--_xq-font-size-s);
  }
  .seats.full {
    color: var(--_xq-color-warning);
    font-weight: var(--_xq-font-weight-bold);
  }
  .badge {
    font-weight: var(--_xq-font-weight-bold);
    color: var(--_xq-color-success);
  }
  .badge.waitlisted {
    color: var(--_xq-color-warning);
  }
  .details {
    display: grid;
    gap: var(--_xq-space-2);
    width: 100%;
  }
  .details[hidden] {
    display: none;
  }
  .form,
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_xq-space-3);
    align-items: end;
  }
  .form .hint {
    flex-basis: 100%;
    font-size: var(--_xq-font-size-s);
  }
  button,
  a.secondary {
    font: inherit;
    min-height: var(--_xq-touch-target);
    display: inline-flex;
    align-items: center;
    justify-content: center;
    padding: var(--_xq-space-2) var(--_xq-space-4);
    border-radius: var(--_xq-radius-pill);
    cursor: pointer;
    text-decoration: none;
  }
  .primary {
    background: var(--_accent);
    border: 1px solid var(--_accent);
    color: var(--_xq-color-on-primary);
    font-weight: var(--_xq-font-weight-bold);
  }
  .secondary {
    background: transparent;
    border: 1px solid var(--_xq-color-border);
    color: var(--_xq-color-text);
  }
  button:disabled {
    cursor: progress;
    opacity: 0.7;
  }
  button:focus-visible,
  a:focus-visible,
  select:focus-visible,
  input:focus-visible {
    outline: var(--_xq-focus-ring);
    outline-offset: 2px;
  }
  .problem {
    display: grid;
    gap: var(--_xq-space-2);
    justify-items: start;
  }
  .feedback:empty {
    display: none;
  }
  .feedback {
    font-weight: var(--_xq-font-weight-bold);
  }
  .feedback.success {
    color: var(--_xq-color-success);
  }
  .feedback.error {
    color: var(--_xq-color-danger);
  }
  @container (max-width: 24rem) {
    .form,
    .actions {
      flex-direction: column;
      align-items: stretch;
    }
    .form > *,
    .actions > * {
      width: 100%;
    }
  }
`;
