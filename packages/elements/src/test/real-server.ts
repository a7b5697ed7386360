// Browser side of scripts/wtr-test-server.mjs: the real Xinqiao server (through @xinqiao/testkit)
// for element suites. Each call of `realTenant()` seeds a fresh tenant with the testkit roster.
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
  /** The server clock; `advance` moves it forward (events get their time from it). */
  clock(advanceMs?: number): Promise<Date>;
}

async function route<T>(path: string): Promise<T> {
  const response = await fetch(`/__xq/test-server/${path}`);
  const body = (await response.json()) as T & { error?: string };
  if (body.error) throw new Error(`test server: ${body.error}`);
  return body;
}

/** A fresh tenant on the real server, with one school's roster. */
export async function realTenant(): Promise<RealTenant> {
  const t = await route<{
    url: string;
    tenant: string;
    schoolId: string;
    units: Record<string, string>;
    users: Record<RosterUser, string>;
  }>('tenant');
  const signed = new Map<RosterUser, Promise<Signed>>();
  return {
    url: t.url,
    schoolId: t.schoolId,
    units: t.units,
    as(user) {
      let s = signed.get(user);
      if (!s) {
        const mint = () =>
          route<{ token: string; personId: string }>(
            `token?tenant=${encodeURIComponent(t.tenant)}&user=${encodeURIComponent(t.users[user])}`,
          );
        const fetchToken = async () => (await mint()).token;
        s = mint().then(({ token, personId }) => ({
          token,
          fetchToken,
          personId,
          // Moving the server clock expires tokens: the client fetches a fresh one on a 401.
          client: createClient({ baseUrl: t.url, token, fetchToken, maxRetries: 0 }),
        }));
        signed.set(user, s);
      }
      return s;
    },
    async clock(advanceMs = 0) {
      const { now } = await route<{ now: string }>(`clock?advance=${advanceMs}`);
      return new Date(now);
    },
  };
}
