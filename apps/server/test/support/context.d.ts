declare module 'vitest' {
  export interface ProvidedContext {
    /** PGlite runs: path of the migrated snapshot tarball. */
    snapshotPath: string;
    /** PostgreSQL runs: maintenance URL and the migrated template database to clone. */
    pgAdminUrl: string;
    pgTemplate: string;
  }
}
export {};
