import type { LocalizedText } from '@xinqiao/contracts/ids';
import type { XinqiaoClient } from '@xinqiao/sdk';

/**
 * View shapes of the parent school (ARCHITECTURE §3 "Parent school"). The wire schemas will live
 * in `@xinqiao/contracts` with the server's parent-school routes (issue #4 step h); until then the
 * element states what it needs here, and `parentSchoolSourceFromClient` adapts the SDK resource.
 */
export interface ParentSchoolSession {
  id: string;
  topic: LocalizedText;
  description?: LocalizedText;
  speaker?: string;
  mode: 'online' | 'offline';
  /** Where an offline session takes place. */
  place?: string;
  /** The meeting link of an online session (https). */
  link?: string;
  /** ISO instants. */
  startsAt: string;
  endsAt: string;
  /** Seats in all; attendees of confirmed signups take seats. */
  capacity: number;
  seatsTaken: number;
  /** Target grades (1–12); empty: every grade. */
  grades: number[];
}

/** One of the signed-in guardian's children. Names are optional: ids are the portal's. */
export interface ParentSchoolChild {
  id: string;
  name?: string;
  grade: number;
}

export type SignupStatus = 'confirmed' | 'waitlisted' | 'cancelled';

export interface ParentSchoolSignup {
  id: string;
  sessionId: string;
  childId: string;
  /** People coming (the guardian and any other family members). */
  attendees: number;
  status: SignupStatus;
  /** 1-based place on the waitlist while `waitlisted`. */
  waitlistPosition?: number;
}

export interface SignupInput {
  sessionId: string;
  childId: string;
  attendees: number;
}

/** Where the signup element reads and writes: the seam between the element and the SDK. */
export interface ParentSchoolDataSource {
  listSessions(
    query: { school: string },
    options?: { signal?: AbortSignal },
  ): Promise<readonly ParentSchoolSession[]>;
  listChildren(options?: { signal?: AbortSignal }): Promise<readonly ParentSchoolChild[]>;
  listSignups(
    query: { school: string },
    options?: { signal?: AbortSignal },
  ): Promise<readonly ParentSchoolSignup[]>;
  signup(input: SignupInput): Promise<ParentSchoolSignup>;
  cancel(signupId: string): Promise<ParentSchoolSignup>;
}

/**
 * A data source over the SDK client's `parentSchool` resource, or `undefined` while the SDK has
 * none (the server's parent-school routes are not there yet): the element then says signup is
 * unavailable instead of guessing.
 */
export function parentSchoolSourceFromClient(
  client: XinqiaoClient | undefined,
): ParentSchoolDataSource | undefined {
  const resource = (client as { parentSchool?: Partial<ParentSchoolDataSource> } | undefined)
    ?.parentSchool;
  const required = ['listSessions', 'listChildren', 'listSignups', 'signup', 'cancel'] as const;
  if (!resource || required.some((m) => typeof resource[m] !== 'function')) return undefined;
  return resource as ParentSchoolDataSource;
}
