import type {
  ParentSchoolChild,
  ParentSchoolSessionQuery,
  ParentSchoolSessionView,
  ParentSchoolSignup,
  ParentSchoolSignupCreate,
  SignupState,
} from '@xinqiao/contracts/parent-school';
import type { XinqiaoClient } from '@xinqiao/sdk';

// The wire shapes are the contracts' (`@xinqiao/contracts/parent-school`), re-exported under the
// names the element's API has always used. Nothing here restates a field.

/** A session as the signed-in guardian sees it: seats left, `mySignups`, `eligibleChildIds`. */
export type ParentSchoolSession = ParentSchoolSessionView;
/** One of the signed-in guardian's children (`GET /v1/parent-school/children`). */
export type { ParentSchoolChild, ParentSchoolSignup };
/** `confirmed`, `waitlisted` or `cancelled`. */
export type SignupStatus = SignupState;
/** What a signup sends (`POST /v1/parent-school/sessions/:id/signups`). */
export type SignupInput = ParentSchoolSignupCreate;
/** The list filters the element sends (`GET /v1/parent-school/sessions`). */
export type SessionQuery = Pick<ParentSchoolSessionQuery, 'schoolId' | 'gradeId' | 'mode'>;

interface CallOptions {
  signal?: AbortSignal;
}

/**
 * Where the signup element reads and writes: the seam between the element and the SDK. The
 * default is `parentSchoolSourceFromClient(client)`; stories and tests may set their own.
 */
export interface ParentSchoolDataSource {
  /** Upcoming sessions for the query, soonest first (every page). */
  listSessions(
    query: SessionQuery,
    options?: CallOptions,
  ): Promise<readonly ParentSchoolSessionView[]>;
  /** One session, fresh (after a signup or a cancellation: seats, waitlist positions). */
  getSession(sessionId: string, options?: CallOptions): Promise<ParentSchoolSessionView>;
  /** The signed-in guardian's children (empty for a caller who is not a guardian). */
  listChildren(options?: CallOptions): Promise<readonly ParentSchoolChild[]>;
  /** Confirmed while seats last, else waitlisted (with `waitlistPosition`). */
  signup(sessionId: string, input: SignupInput): Promise<ParentSchoolSignup>;
  /** Cancels a signup; the server promotes the waitlist in the same step. */
  cancel(sessionId: string, signupId: string): Promise<ParentSchoolSignup>;
  /** The session's iCalendar file (text/calendar), as the server writes it. */
  calendar(sessionId: string, options?: CallOptions): Promise<string>;
}

/** Sessions read per call at most (pages of 100): a school has a handful a month. */
const maxSessions = 500;

type Resource = XinqiaoClient['parentSchool'];
const methods = ['list', 'get', 'children', 'signup', 'cancelSignup', 'calendar'] as const;
const sources = new WeakMap<Resource, ParentSchoolDataSource>();

/**
 * A data source over the SDK client's `parentSchool` resource (`GET /v1/parent-school/sessions`,
 * `…/sessions/:id`, `…/children`, `POST …/signups`, `POST …/signups/:id/cancel`,
 * `GET …/calendar.ics`), or `undefined` without a client (or with a client that has no guardian
 * side, such as the server client): the element then says signup is unavailable.
 */
export function parentSchoolSourceFromClient(
  client: XinqiaoClient | undefined,
): ParentSchoolDataSource | undefined {
  const ps = (client as { parentSchool?: Partial<Resource> } | undefined)?.parentSchool;
  if (!ps || methods.some((m) => typeof ps[m] !== 'function')) return undefined;
  const resource = ps as Resource;
  let source = sources.get(resource);
  if (!source) {
    source = {
      async listSessions(query, options) {
        const out: ParentSchoolSessionView[] = [];
        let cursor: string | undefined;
        do {
          const page = await resource.list(
            { ...query, limit: 100, ...(cursor ? { cursor } : {}) },
            options,
          );
          out.push(...page.data);
          cursor = page.nextCursor ?? undefined;
        } while (cursor && out.length < maxSessions);
        return out;
      },
      getSession: (sessionId, options) => resource.get(sessionId, options),
      async listChildren(options) {
        try {
          return (await resource.children(options)).data;
        } catch (error) {
          // Staff and other callers who are not guardians may browse, not sign up.
          if ((error as { status?: unknown }).status === 403) return [];
          throw error;
        }
      },
      signup: (sessionId, input) => resource.signup(sessionId, input),
      cancel: (sessionId, signupId) => resource.cancelSignup(sessionId, signupId),
      calendar: (sessionId, options) => resource.calendar(sessionId, options),
    };
    sources.set(resource, source);
  }
  return source;
}
