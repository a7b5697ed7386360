import { it } from 'vitest';
import {
  postgresInstallHint,
  postgresRequired,
} from '../../../../packages/testkit/src/postgres.js';

// Stands in for the whole PostgreSQL run when PostgreSQL is not installed: one visible skip, or
// one failure when XINQIAO_REQUIRE_POSTGRES=1 (CI), so a missing database never looks green.
if (postgresRequired()) {
  it('PostgreSQL run (required by XINQIAO_REQUIRE_POSTGRES=1)', () => {
    throw new Error(postgresInstallHint);
  });
} else {
  it.skip(`PostgreSQL run skipped: ${postgresInstallHint}`, () => {});
}
