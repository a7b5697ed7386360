// Browser side of scripts/wtr-test-server.mjs: the real Xinqiao server (through @xinqiao/testkit)
// for element suites. Each call of `realTenant()` seeds a fresh tenant with the testkit roster.
import type {
  ParentSchoolSession,
  ParentSchoolSessionCreate,
} from '@xinqiao/contracts/parent-school';
import type { RosterSync, RosterSyncResult } from '@xinqiao/contracts/roster';
import { createClient, type XinqiaoClient } from '@xinqiao/sdk';

/** External ids of the testkit roster users (`testUsers` in @xinqiao/testkit/server). */
export type RosterUser =
  | 'student'
  | 'guardian'
  | 'class_teacher'
  | 'grade_leader'
  | 'counsellor'
  | 'school_admin'
  | 'volunteer'
  | 'district_admin';

export interface Signed {
  /** An embed token minted when the user first signed in (expires with the server clock). */
  token: string;
  /** Mints a fresh embed token (what a portal's `fetchToken` does). */
  fetchToken: () => Promise<string>;
  /** The user's opaque person id (the token's `sub`). */
  personId: string;
  client: XinqiaoClient;
}

export interface RealTenant {
  /** Base URL of the API. */
  url: string;
  schoolId: string;
  units: Record<string, string>;
  /** A signed-in SDK client for a roster user. */
  as(user: RosterUser): Promise<Signed>;
  /** The same for any user of the tenant's roster, by external id (after `roster()`). */
  asUser(externalId: string): Promise<Signed>;
  /**
   * Replaces the school's roster (`PUT /v1/schools/:id/roster`, with the secret key in Node):
   * for suites that need more people than the testkit roster has.
   */
  roster(body: RosterSync): Promise<RosterSyncResult>;
  /** Creates a parent-school session with the secret key (`POST /v1/parent-school/sessions`). */
  createParentSchoolSession(body: ParentSchoolSessionCreate): Promise<ParentSchoolSession>;
  /** Cancels a parent-school session with the secret key (every signup on it with it). */
  cancelParentSchoolSession(sessionId: string): Promise<ParentSchoolSession>;
  /** The server clock; `advance` moves it forward (events get their time from it). */
  clock(advanceMs?: number): Promise<Date>;
}

async function route<T>(path: string, body?: unknown): Promise<T> {
  const response = await fetch(
    `/__xq/test-server/${path}`,
    body === undefined
      ? {}
      : {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        },
  );
  const answer = (await response.json()) as T & { error?: string };
  if (answer.error) throw new Error(`test server: ${answer.error}`);
  return answer;
}

/** A fresh tenant on the real server, with the testkit's roster of one school. */
export async function realTenant(): Promise<RealTenant> {
  const t = await route<{
    url: string;
    tenant: string;
    schoolId: string;
    units: Record<string, string>;
    users: Record<RosterUser, string>;
  }>('tenant');
  const signed = new Map<string, Promise<Signed>>();
  const tenant = `tenant=${encodeURIComponent(t.tenant)}`;
  const asUser = (externalId: string) => {
    let s = signed.get(externalId);
    if (!s) {
      const mint = () =>
        route<{ token: string; personId: string }>(
          `token?${tenant}&user=${encodeURIComponent(externalId)}`,
        );
      const fetchToken = async () => (await mint()).token;
      s = mint().then(({ token, personId }) => ({
        token,
        fetchToken,
        personId,
        // Moving the server clock expires tokens: the client fetches a fresh one on a 401.
        client: createClient({ baseUrl: t.url, token, fetchToken, maxRetries: 0 }),
      }));
      signed.set(externalId, s);
    }
    return s;
  };
  return {
    url: t.url,
    schoolId: t.schoolId,
    units: t.units,
    as: (user) => asUser(t.users[user]),
    asUser,
    roster: (body) => route(`roster?${tenant}`, body),
    createParentSchoolSession: (body) => route(`parent-school/sessions?${tenant}`, body),
    cancelParentSchoolSession: (sessionId) =>
      route(`parent-school/cancel?${tenant}&session=${encodeURIComponent(sessionId)}`, {}),
    async clock(advanceMs = 0) {
      const { now } = await route<{ now: string }>(`clock?advance=${advanceMs}`);
      return new Date(now);
    },
  };
}
