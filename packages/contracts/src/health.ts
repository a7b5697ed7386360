import * as z from 'zod/mini';

export const Health = z.object({
  status: z.enum(['ok', 'degraded']),
  version: z.string(),
});
export type Health = z.infer<typeof Health>;

export const Readiness = z.object({
  status: z.enum(['ready', 'not_ready']),
  database: z.enum(['pglite', 'postgres']),
  migrations: z.object({ applied: z.number(), pending: z.number() }),
});
export type Readiness = z.infer<typeof Readiness>;
