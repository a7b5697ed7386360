import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';

export class DataDirLockedError extends Error {
  override name = 'DataDirLockedError';
  constructor(
    readonly lockFile: string,
    readonly pid: number,
  ) {
    super(
      `The PGlite data directory is in use by process ${pid} (lock file ${lockFile}). ` +
        'Stop that server first; PGlite has a single connection and no lock of its own.',
    );
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes `<dataDir>.lock` (a pid file next to the data directory). A lock left by a dead process
 * is taken over; a lock held by a live process — this one included — is refused.
 * Returns the release function.
 */
export function lockDataDir(dataDir: string, purpose: string): () => void {
  const lockFile = `${dataDir.replace(/\/+$/, '')}.lock`;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(lockFile, 'wx');
      writeSync(fd, JSON.stringify({ pid: process.pid, purpose }));
      closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        rmSync(lockFile, { force: true });
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let pid = NaN;
      try {
        pid = Number((JSON.parse(readFileSync(lockFile, 'utf8')) as { pid?: unknown }).pid);
      } catch {
        // unreadable or half-written: treat as stale
      }
      if (Number.isInteger(pid) && pid > 0 && alive(pid))
        throw new DataDirLockedError(lockFile, pid);
      rmSync(lockFile, { force: true });
    }
  }
  throw new Error(`Could not take the lock file ${lockFile}`);
}
