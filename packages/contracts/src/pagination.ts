import * as z from 'zod/mini';

/** Query of every list route: opaque cursor, page size 1–100 (default 50). */
export const PageQuery = z.object({
  cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(512))),
  limit: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100))),
});
export type PageQuery = z.infer<typeof PageQuery>;

export const defaultPageSize = 50;

/** A page of items; `nextCursor` is null on the last page. */
export function Page<T extends z.ZodMiniType>(item: T) {
  return z.object({
    data: z.array(item),
    nextCursor: z.nullable(z.string()),
  });
}
export type Page<T> = { data: T[]; nextCursor: string | null };
