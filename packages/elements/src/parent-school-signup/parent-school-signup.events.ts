import type { ParentSchoolSessionView, ParentSchoolSignup } from '@xinqiao/contracts/parent-school';
import { XqEvent } from '../events.js';

/**
 * A guardian signed a child up: `signup.state` is `confirmed`, or `waitlisted` with
 * `signup.waitlistPosition` (a full session is a success too). `session` is the session as it
 * was shown when the guardian signed up.
 */
export class XqSignupEvent extends XqEvent {
  static readonly eventName = 'xq-signup';
  constructor(
    readonly signup: ParentSchoolSignup,
    readonly session: ParentSchoolSessionView,
  ) {
    super(XqSignupEvent.eventName);
  }
}

/** A guardian cancelled a signup (the server has promoted the waitlist in the same step). */
export class XqCancelEvent extends XqEvent {
  static readonly eventName = 'xq-cancel';
  constructor(
    readonly signup: ParentSchoolSignup,
    readonly session: ParentSchoolSessionView,
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
