import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    container-type: inline-size;
    min-height: var(--xq-case-timeline-min-height, 0);
    --_accent: var(--xq-case-timeline-accent, var(--_xq-color-primary));
    --_on-accent: var(--xq-case-timeline-on-accent, var(--_xq-color-on-primary));
    --_rail: var(--xq-case-timeline-rail-color, var(--_xq-color-border));
    --_warn: var(--xq-case-timeline-warning-color, var(--_xq-color-warning));
  }
  .card {
    background: var(--xq-case-timeline-background, var(--_xq-color-surface));
    border: 1px solid var(--xq-case-timeline-border-color, var(--_xq-color-border));
    border-radius: var(--xq-case-timeline-radius, var(--_xq-radius-l));
    padding: var(--xq-case-timeline-padding, var(--_xq-space-4));
    display: grid;
    gap: var(--_xq-space-4);
    min-width: 0;
  }
  p {
    margin: 0;
  }
  .header,
  .timeline,
  .stages-section,
  .actions {
    display: grid;
    gap: var(--_xq-space-2);
    min-width: 0;
  }
  .title {
    font-size: var(--_xq-font-size-l);
    font-weight: var(--_xq-font-weight-bold);
    line-height: 1.3;
  }
  .section-title {
    font-weight: var(--_xq-font-weight-bold);
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: var(--_xq-space-1) var(--_xq-space-2);
  }
  .muted,
  .hint {
    color: var(--_xq-color-text-muted);
  }
  .small,
  .hint {
    font-size: var(--_xq-font-size-s);
  }
  .summary {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_xq-space-1) var(--_xq-space-3);
  }
  .badge {
    display: inline-block;
    padding: 0 var(--_xq-space-2);
    border-radius: var(--_xq-radius-pill);
    border: 1px solid currentColor;
    font-size: var(--_xq-font-size-s);
    font-weight: var(--_xq-font-weight-bold);
  }
  .badge.open {
    color: var(--_accent);
  }
  .badge.closed {
    color: var(--_xq-color-text-muted);
  }
  .warning {
    display: flex;
    gap: var(--_xq-space-2);
    align-items: flex-start;
    padding: var(--_xq-space-2) var(--_xq-space-3);
    border-radius: var(--_xq-radius-m);
    border: 1px solid var(--_warn);
    color: var(--_xq-color-text);
  }
  .warning .icon {
    color: var(--_warn);
  }
  .icon {
    width: 1.25rem;
    height: 1.25rem;
    flex: none;
    fill: none;
    stroke: currentColor;
    stroke-width: 1.8;
    stroke-linecap: round;
    stroke-linejoin: round;
  }
  ul,
  ol {
    list-style: none;
    margin: 0;
    padding: 0;
  }

  /* the six stages: parallel cards, not a stepper */
  .stages {
    display: grid;
    gap: var(--_xq-space-2);
    grid-template-columns: minmax(0, 1fr);
  }
  .stage {
    display: grid;
    grid-template-columns: auto minmax(0, 1fr);
    gap: 0 var(--_xq-space-2);
    align-items: start;
    padding: var(--_xq-space-2) var(--_xq-space-3);
    border-radius: var(--_xq-radius-m);
    background: var(--_xq-color-surface-muted);
    border: 1px solid transparent;
  }
  .stage-icon {
    grid-row: span 2;
    display: flex;
    padding-top: 0.15rem;
    color: var(--_xq-color-text-muted);
  }
  .stage[data-status='done'] .stage-icon {
    color: var(--_accent);
  }
  .stage[data-status='open'] {
    border-color: var(--_xq-color-border);
  }
  .stage-name {
    font-weight: var(--_xq-font-weight-bold);
    overflow-wrap: anywhere;
  }
  .stage-status {
    font-size: var(--_xq-font-size-s);
    color: var(--_xq-color-text-muted);
    display: grid;
    overflow-wrap: anywhere;
  }
  .stage[data-status='done'] .stage-status {
    color: var(--_xq-color-text);
  }
  @container (min-width: 30rem) {
    .stages {
      grid-template-columns: repeat(2, minmax(0, 1fr));
    }
  }
  @container (min-width: 48rem) {
    .stages {
      grid-template-columns: repeat(3, minmax(0, 1fr));
    }
  }

  /* timeline */
  .days {
    display: grid;
    gap: var(--_xq-space-4);
  }
  .day {
    display: grid;
    gap: var(--_xq-space-2);
    /* Off-screen days skip layout and paint: long timelines stay fast. */
    content-visibility: auto;
    contain-intrinsic-size: auto var(--xq-case-timeline-day-size, 12rem);
  }
  .day-title {
    display: flex;
    flex-wrap: wrap;
    gap: 0 var(--_xq-space-2);
    align-items: baseline;
    font-weight: var(--_xq-font-weight-bold);
    padding-bottom: var(--_xq-space-1);
    border-bottom: 1px solid var(--_rail);
  }
  .day-title .muted {
    font-weight: var(--_xq-font-weight-regular);
    font-size: var(--_xq-font-size-s);
  }
  .events {
    display: grid;
  }
  .event {
    position: relative;
    display: grid;
    grid-template-columns: 2rem minmax(0, 1fr);
    gap: var(--_xq-space-2);
    padding-bottom: var(--_xq-space-3);
  }
  .event:focus-visible {
    outline: var(--_xq-focus-ring);
    outline-offset: 2px;
  }
  .event:not(:last-child)::before {
    content: '';
    position: absolute;
    inset-inline-start: calc(1rem - 1px);
    top: 2rem;
    bottom: 0;
    border-inline-start: 2px solid var(--_rail);
  }
  .event-icon {
    width: 2rem;
    height: 2rem;
    border-radius: 50%;
    display: flex;
    align-items: center;
    justify-content: center;
    background: var(--_xq-color-surface-muted);
    color: var(--_accent);
  }
  .event[data-type^='referral'] .event-icon,
  .event[data-type^='closure'] .event-icon,
  .event[data-type='concern_raised'] .event-icon {
    color: var(--_warn);
  }
  .event[data-type='note'] .event-icon {
    color: var(--_xq-color-text-muted);
  }
  .event-body {
    display: grid;
    gap: var(--_xq-space-1);
    min-width: 0;
    overflow-wrap: anywhere;
  }
  .event-head,
  .event-meta {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0 var(--_xq-space-2);
  }
  .event-type {
    font-weight: var(--_xq-font-weight-bold);
  }
  .visibility {
    padding: 0 var(--_xq-space-1);
    border-radius: var(--_xq-radius-s);
    background: var(--_xq-color-surface-muted);
    color: var(--_xq-color-text-muted);
  }
  .event[data-visibility='counsellor'] .visibility {
    color: var(--_xq-color-text);
    border: 1px dashed var(--_xq-color-border);
  }
  .occurred {
    color: var(--_xq-color-text-muted);
  }
  .note {
    padding: var(--_xq-space-2) var(--_xq-space-3);
    border-inline-start: 3px solid var(--_accent);
    background: var(--_xq-color-surface-muted);
    border-radius: var(--_xq-radius-s);
  }
  .note-label {
    color: var(--_xq-color-text-muted);
  }
  .note-text {
    white-space: pre-wrap;
  }

  /* buttons and the form */
  button {
    font: inherit;
    min-height: var(--_xq-touch-target);
    min-width: var(--_xq-touch-target);
    padding: var(--_xq-space-2) var(--_xq-space-4);
    border-radius: var(--_xq-radius-pill);
    cursor: pointer;
    max-width: 100%;
  }
  button:focus-visible,
  input:focus-visible,
  select:focus-visible,
  textarea:focus-visible {
    outline: var(--_xq-focus-ring);
    outline-offset: 2px;
  }
  button[disabled] {
    cursor: progress;
    opacity: 0.7;
  }
  .primary {
    background: var(--_accent);
    color: var(--_on-accent);
    border: 1px solid var(--_accent);
    font-weight: var(--_xq-font-weight-bold);
    justify-self: start;
  }
  .secondary {
    background: transparent;
    color: var(--_xq-color-text);
    border: 1px solid var(--_xq-color-border);
    justify-self: start;
  }
  .link {
    justify-self: start;
    background: transparent;
    border: 0;
    padding-inline: 0;
    color: var(--_accent);
    text-decoration: underline;
  }
  .form {
    display: grid;
    gap: var(--_xq-space-3);
    padding: var(--_xq-space-3);
    border: 1px solid var(--_xq-color-border);
    border-radius: var(--_xq-radius-m);
    min-width: 0;
  }
  .field {
    display: grid;
    gap: var(--_xq-space-1);
    min-width: 0;
  }
  .field > label,
  legend {
    font-weight: var(--_xq-font-weight-bold);
  }
  input[type='text'],
  input[type='datetime-local'],
  select,
  textarea {
    font: inherit;
    min-height: var(--_xq-touch-target);
    padding: var(--_xq-space-2);
    border: 1px solid var(--_xq-color-border);
    border-radius: var(--_xq-radius-m);
    background: var(--_xq-color-surface);
    color: var(--_xq-color-text);
    width: 100%;
    max-width: 100%;
    min-width: 0;
  }
  textarea {
    resize: vertical;
  }
  [aria-invalid='true']:not([type='radio']):not([type='checkbox']) {
    border-color: var(--_xq-color-danger);
    border-width: 2px;
  }
  fieldset {
    border: 0;
    margin: 0;
    padding: 0;
    display: flex;
    flex-wrap: wrap;
    gap: 0 var(--_xq-space-4);
    min-width: 0;
  }
  legend {
    padding: 0;
    margin-bottom: var(--_xq-space-1);
  }
  fieldset .field-error {
    flex-basis: 100%;
  }
  .choice {
    display: inline-flex;
    align-items: center;
    gap: var(--_xq-space-2);
    min-height: var(--_xq-touch-target);
  }
  input[type='radio'],
  input[type='checkbox'] {
    width: 1.25rem;
    height: 1.25rem;
    margin: 0;
    flex: none;
    accent-color: var(--_accent);
  }
  .field-error,
  .form-error,
  .error {
    color: var(--_xq-color-danger);
    font-weight: var(--_xq-font-weight-bold);
  }
  .form-error:empty,
  .feedback:empty {
    display: none;
  }
  .problem.error {
    display: grid;
    gap: var(--_xq-space-2);
  }
  .correcting {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0 var(--_xq-space-2);
  }
  .feedback {
    color: var(--_xq-color-success);
    font-weight: var(--_xq-font-weight-bold);
  }
  @media print {
    .day {
      content-visibility: visible;
    }
  }
`;
