import type { Membership } from '@xinqiao/contracts/memberships';
import type { XinqiaoServerClient } from '@xinqiao/sdk/server';
import type { Directory } from './directory.js';

/**
 * Xinqiao's opaque ids of the portal's people and units. Units come back from the roster sync;
 * people's ids only from an embed session (the roster sync does not answer them yet), so the
 * portal learns them once by minting a one-minute session per person.
 */
export class IdMap {
  private readonly toExternal = new Map<string, string>();
  private readonly toXinqiao = new Map<string, string>();
  private readonly memberships = new Map<string, Membership[]>();
  readonly units = new Map<string, string>();

  set(externalId: string, id: string, memberships: Membership[] = []): void {
    this.toExternal.set(id, externalId);
    this.toXinqiao.set(externalId, id);
    this.memberships.set(externalId, memberships);
  }

  externalIdOf(id: string): string | undefined {
    return this.toExternal.get(id);
  }

  idOf(externalId: string): string | undefined {
    return this.toXinqiao.get(externalId);
  }

  membershipsOf(externalId: string): Membership[] {
    return this.memberships.get(externalId) ?? [];
  }

  unit(externalId: string): string | undefined {
    return this.units.get(externalId);
  }
}

/** Learns the ids of every person in the directory, a few at a time. */
export async function resolvePeople(
  xinqiao: XinqiaoServerClient,
  directory: Directory,
  ids: IdMap,
  concurrency = 4,
): Promise<string[]> {
  const queue = directory.people.filter((p) => !ids.idOf(p.externalId));
  const missing: string[] = [];
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let p = queue.shift(); p; p = queue.shift()) {
        try {
          const s = await xinqiao.embedSessions.create({
            user: { externalId: p.externalId },
            ttlSeconds: 60,
          });
          ids.set(p.externalId, s.user.id, s.user.memberships);
        } catch {
          missing.push(p.externalId);
        }
      }
    }),
  );
  return missing;
}
