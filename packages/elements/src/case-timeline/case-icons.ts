import type { CaseEventType } from '@xinqiao/contracts/cases';
import { html } from 'lit';

/** Line icons (24 × 24, stroked with `currentColor`); decorative: the text beside them says it all. */
const paths = {
  screening: 'M9 3h6v3H9zM7 4.5H5V21h14V4.5h-2M8 11h8M8 15h5',
  concern: 'M5 21V4h12l-2.5 4L17 12H5',
  pairing:
    'M8 11a3 3 0 1 0 0-6 3 3 0 0 0 0 6zm8 0a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM2 20c0-3 2.7-5 6-5s6 2 6 5m-2.5-4.3c1.1-.5 2.6-.7 4.5-.7 3.3 0 6 2 6 5',
  session: 'M4 5h16v11H10l-6 4z',
  peer: 'M12 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM4 21c0-4 3.6-6 8-6s8 2 8 6',
  home: 'M3 11l9-7 9 7M6 9.5V20h12V9.5M10 20v-5h4v5',
  referral: 'M14 4h6v6m0-6l-9 9m7 1v6H4V6h6',
  rescreening: 'M20 12a8 8 0 1 1-2.3-5.7M20 4v5h-5',
  closure: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zm-4-9l3 3 5-6',
  note: 'M4 20h4L19 9l-4-4L4 16zm9-13l4 4',
  open: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18z',
  done: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zm-4-9l3 3 5-6',
  not_needed: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM8 12h8',
} as const;

export type IconName = keyof typeof paths;

/** The icon of each event type. */
export const iconOfType: Record<CaseEventType, IconName> = {
  screening_filed: 'screening',
  concern_raised: 'concern',
  pairing_assigned: 'pairing',
  intervention_session: 'session',
  peer_follow_up: 'peer',
  home_school_contact: 'home',
  referral_proposed: 'referral',
  referral_consented: 'referral',
  referral_sent: 'referral',
  referral_accepted: 'referral',
  referral_rejected: 'referral',
  referral_completed: 'referral',
  rescreening: 'rescreening',
  closure_requested: 'closure',
  closure_approved: 'closure',
  note: 'note',
};

export const icon = (name: IconName) =>
  html`<svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
    <path d=${paths[name]}></path>
  </svg>`;
