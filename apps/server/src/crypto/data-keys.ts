import { randomBytes } from 'node:crypto';
import type { Executor } from '../db/types.js';
import { open, seal, type MasterKey } from './master-key.js';

/**
 * Per-person data keys (crypto-shredding). Each person's sensitive fields are sealed with their
 * own random 256-bit key; the key is stored only wrapped by the master key (with the master key's
 * id). Erasure deletes the wrapped key, after which every sealed copy — in append-only tables,
 * backups or exports — is unreadable.
 */
export class DataKeys {
  constructor(private readonly master: MasterKey) {}

  private wrapKey(): Buffer {
    return this.master.derive('data-key-wrap');
  }

  async get(db: Executor, tenantId: string, personId: string): Promise<Buffer | undefined> {
    const row = await db
      .selectFrom('data_keys')
      .select(['wrapped_key', 'master_key_id'])
      .where('person_id', '=', personId)
      .where('tenant_id', '=', tenantId)
      .executeTakeFirst();
    if (!row) return undefined;
    return this.unwrap(tenantId, personId, row);
  }

  /** A stored key row (read by the caller, e.g. joined to the person's row) unwrapped. */
  unwrap(
    tenantId: string,
    personId: string,
    row: { wrapped_key: Uint8Array; master_key_id: string },
  ): Buffer {
    if (row.master_key_id !== this.master.id)
      throw new Error('data key wrapped by another master key');
    return open(this.wrapKey(), Buffer.from(row.wrapped_key), `${tenantId}:${personId}`);
  }

  /**
   * The person's key, created on their first sealed write. Several first writes at once (two tabs,
   * a student's and a guardian's form) all get the one stored key: the loser of the insert race
   * waits for the winner's commit, inserts nothing and reads the winner's key.
   */
  async getOrCreate(db: Executor, tenantId: string, personId: string, now: Date): Promise<Buffer> {
    const existing = await this.get(db, tenantId, personId);
    if (existing) return existing;
    const key = randomBytes(32);
    const inserted = await db
      .insertInto('data_keys')
      .values({
        person_id: personId,
        tenant_id: tenantId,
        master_key_id: this.master.id,
        wrapped_key: seal(this.wrapKey(), key, `${tenantId}:${personId}`),
        created_at: now,
      })
      .onConflict((oc) => oc.column('person_id').doNothing())
      .returning('person_id')
      .executeTakeFirst();
    if (inserted) return key;
    const stored = await this.get(db, tenantId, personId);
    if (!stored) throw new Error('data key held by another tenant');
    return stored;
  }

  /** Destroys the key: the crypto-shredding step of erasure. */
  async destroy(db: Executor, tenantId: string, personId: string): Promise<boolean> {
    const r = await db
      .deleteFrom('data_keys')
      .where('person_id', '=', personId)
      .where('tenant_id', '=', tenantId)
      .executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }
}

/** Seals one field of one person; `field` is bound in as associated data. */
export function sealField(key: Buffer, personId: string, field: string, value: string): Buffer {
  return seal(key, Buffer.from(value, 'utf8'), `${personId}:${field}`);
}

export function openField(
  key: Buffer,
  personId: string,
  field: string,
  sealed: Uint8Array,
): string {
  return open(key, Buffer.from(sealed), `${personId}:${field}`).toString('utf8');
}
