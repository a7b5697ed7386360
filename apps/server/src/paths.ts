import { fileURLToPath } from 'node:url';

// This module sits one level below the package root both as source (src/) and when bundled (dist/).
export const packageRoot = fileURLToPath(new URL('..', import.meta.url));
export const migrationsDir = fileURLToPath(new URL('../migrations/', import.meta.url));
