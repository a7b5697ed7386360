import { XqEvent } from '../events.js';
import type { ParentSchoolSession, ParentSchoolSignup } from './parent-school-source.js';

/** A guardian signed up (or joined the waitlist): `signup.status` says which. */
export class XqSignupEvent extends XqEvent {
  static readonly eventName = 'xq-signup';
  constructor(
    readonly signup: ParentSchoolSignup,
    readonly session: ParentSchoolSession,
  ) {
    super(XqSignupEvent.eventName);
  }
}

/** A guardian cancelled a signup (a waitlisted family may now be promoted by the server). */
export class XqCancelEvent extends XqEvent {
  static readonly eventName = 'xq-cancel';
  constructor(
    readonly signup: ParentSchoolSignup,
    readonly session: ParentSchoolSession,
  ) {
    super(XqCancelEvent.eventName);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'xq-signup': XqSignupEvent;
    'xq-cancel': XqCancelEvent;
  }
}
