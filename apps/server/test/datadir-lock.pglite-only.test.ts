import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from '../src/db/lock.js';

const dir = mkdtempSync(join(tmpdir(), 'xq-lock-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('PGlite data-directory lock', () => {
  it('refuses a directory held by a live process, and releases', () => {
    const data = join(dir, 'a');
    const release = lockDataDir(data, 'server');
    expect(existsSync(`${data}.lock`)).toBe(true);
    expect(() => lockDataDir(data, 'cli')).toThrow(DataDirLockedError);
    release();
    expect(existsSync(`${data}.lock`)).toBe(false);
    lockDataDir(data, 'cli')();
  });

  it('takes over a stale lock left by a dead process', async () => {
    const data = join(dir, 'b');
    const child = spawn(process.execPath, ['-e', '']);
    const pid = child.pid!;
    await new Promise((r) => child.on('exit', r));
    writeFileSync(`${data}.lock`, JSON.stringify({ pid, purpose: 'server' }));
    const release = lockDataDir(data, 'server');
    release();
  });

  it('refuses a lock held by another live process', async () => {
    const data = join(dir, 'c');
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 10000)']);
    try {
      writeFileSync(`${data}.lock`, JSON.stringify({ pid: child.pid, purpose: 'server' }));
      expect(() => lockDataDir(data, 'cli')).toThrow(/in use by process/);
    } finally {
      child.kill();
    }
  });
});
