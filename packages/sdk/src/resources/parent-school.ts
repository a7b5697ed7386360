import {
  ParentSchoolAttendeeList,
  ParentSchoolChildren,
  ParentSchoolCoverage,
  ParentSchoolSession,
  ParentSchoolSessionList,
  ParentSchoolSessionView,
  ParentSchoolSignup,
} from '@xinqiao/contracts/parent-school';
import type {
  ParentSchoolCheckIn,
  ParentSchoolCoverageQuery,
  ParentSchoolSessionCreate,
  ParentSchoolSessionQuery,
  ParentSchoolSessionUpdate,
  ParentSchoolSignupCreate,
} from '@xinqiao/contracts/parent-school';
import type { RequestOptions, Transport } from '../core.js';
import { text } from '../text.js';

const sessionAt = (id: string) => `v1/parent-school/sessions/${encodeURIComponent(id)}`;
const signupAt = (sessionId: string, signupId: string) =>
  `${sessionAt(sessionId)}/signups/${encodeURIComponent(signupId)}`;

/**
 * Parent school (家长学校), what both clients may call: sessions (managed by school admins and
 * counsellors of every target school, or the portal's secret key), their `.ics` files, and the
 * families reached per school.
 */
export function parentSchoolSessions(t: Transport) {
  return {
    /**
     * `GET /v1/parent-school/sessions`: guardians see the sessions for their children's schools
     * and grades (with their family's signups), staff those of their schools. Upcoming first.
     */
    list: (
      query: ParentSchoolSessionQuery = {},
      options?: RequestOptions,
    ): Promise<ParentSchoolSessionList> =>
      t.request({
        method: 'GET',
        path: 'v1/parent-school/sessions',
        query,
        schema: ParentSchoolSessionList,
        options,
      }),
    /** `GET /v1/parent-school/sessions/:id`: seats left and, for a guardian, `mySignups`. */
    get: (sessionId: string, options?: RequestOptions): Promise<ParentSchoolSessionView> =>
      t.request({
        method: 'GET',
        path: sessionAt(sessionId),
        schema: ParentSchoolSessionView,
        options,
      }),
    /**
     * `GET /v1/parent-school/sessions/:id/calendar.ics`: the session as an iCalendar file
     * (text). In a page: `new Blob([ics], { type: 'text/calendar' })` behind a download link.
     */
    calendar: (sessionId: string, options?: RequestOptions): Promise<string> =>
      text(
        t,
        {
          method: 'GET',
          path: `${sessionAt(sessionId)}/calendar.ics`,
          options,
        },
        'text/calendar',
      ),
    /** `POST /v1/parent-school/sessions`: an offline session needs `place`, an online one `link`. */
    create: (
      body: ParentSchoolSessionCreate,
      options?: RequestOptions,
    ): Promise<ParentSchoolSession> =>
      t.request({
        method: 'POST',
        path: 'v1/parent-school/sessions',
        body,
        schema: ParentSchoolSession,
        options,
      }),
    /** `PATCH /v1/parent-school/sessions/:id` (raising the capacity promotes the waitlist). */
    update: (
      sessionId: string,
      body: ParentSchoolSessionUpdate,
      options?: RequestOptions,
    ): Promise<ParentSchoolSession> =>
      t.request({
        method: 'PATCH',
        path: sessionAt(sessionId),
        body,
        schema: ParentSchoolSession,
        options,
      }),
    /** `POST /v1/parent-school/sessions/:id/cancel`: the session and every active signup on it. */
    cancelSession: (sessionId: string, options?: RequestOptions): Promise<ParentSchoolSession> =>
      t.request({
        method: 'POST',
        path: `${sessionAt(sessionId)}/cancel`,
        body: {},
        schema: ParentSchoolSession,
        options,
      }),
    /**
     * `GET /v1/parent-school/coverage?orgUnit=…`: families in scope and reached (checked in) per
     * school; default period the two years ending today.
     */
    coverage: (
      query: ParentSchoolCoverageQuery,
      options?: RequestOptions,
    ): Promise<ParentSchoolCoverage> =>
      t.request({
        method: 'GET',
        path: 'v1/parent-school/coverage',
        query,
        schema: ParentSchoolCoverage,
        options,
      }),
  };
}

/** In a page (embed token) there is also the guardian's and the school staff's side. */
export function parentSchool(t: Transport) {
  return {
    ...parentSchoolSessions(t),
    /** `GET /v1/parent-school/children`: the signed-in guardian's children (whom they may sign up). */
    children: (options?: RequestOptions): Promise<ParentSchoolChildren> =>
      t.request({
        method: 'GET',
        path: 'v1/parent-school/children',
        schema: ParentSchoolChildren,
        options,
      }),
    /**
     * `POST /v1/parent-school/sessions/:id/signups` (guardian): confirmed while seats last, else
     * waitlisted. One active signup per family and session (409 `conflict` with
     * `details.signupId` for another guardian of the family).
     */
    signup: (
      sessionId: string,
      body: ParentSchoolSignupCreate,
      options?: RequestOptions,
    ): Promise<ParentSchoolSignup> =>
      t.request({
        method: 'POST',
        path: `${sessionAt(sessionId)}/signups`,
        body,
        schema: ParentSchoolSignup,
        options,
      }),
    /**
     * `POST /v1/parent-school/sessions/:id/signups/:signupId/cancel` (a guardian of the family,
     * or school staff): frees the seats, and the waitlist moves up at once.
     */
    cancelSignup: (
      sessionId: string,
      signupId: string,
      options?: RequestOptions,
    ): Promise<ParentSchoolSignup> =>
      t.request({
        method: 'POST',
        path: `${signupAt(sessionId, signupId)}/cancel`,
        body: {},
        schema: ParentSchoolSignup,
        options,
      }),
    /** `GET /v1/parent-school/sessions/:id/signups`: attendees in the caller's class/grade/school. */
    attendees: (sessionId: string, options?: RequestOptions): Promise<ParentSchoolAttendeeList> =>
      t.request({
        method: 'GET',
        path: `${sessionAt(sessionId)}/signups`,
        schema: ParentSchoolAttendeeList,
        options,
      }),
    /** `POST …/signups/:signupId/check-in` (staff): from 2 h before the start; counts the family. */
    checkIn: (
      sessionId: string,
      signupId: string,
      body: ParentSchoolCheckIn = {},
      options?: RequestOptions,
    ): Promise<ParentSchoolSignup> =>
      t.request({
        method: 'POST',
        path: `${signupAt(sessionId, signupId)}/check-in`,
        body,
        schema: ParentSchoolSignup,
        options,
      }),
  };
}
