import { type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { PlatformErrors } from '../errors.ts';

// The one list convention (docs/API.md): `?limit=&cursor=&sort=field|-field` plus the filters a
// route declares; answers `{ data, page: { nextCursor, limit } }`. Keyset pagination over the sort
// column and the id, so pages stay fast and stable however deep one goes.

export const MAX_PAGE_SIZE = 200;
export const DEFAULT_PAGE_SIZE = 50;

/** The query schema of a list route: paging, sorting over `sortable`, and the route's own filters. */
export function listQuery<const S extends readonly [string, ...string[]], F extends z.ZodRawShape>(
  sortable: S,
  defaultSort: S[number] | `-${S[number]}`,
  filters: F,
) {
  const sortValues = sortable.flatMap((s) => [s, `-${s}`]) as [string, ...string[]];
  return z
    .object({
      limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
      cursor: z.string().max(512).optional(),
      sort: z.enum(sortValues).default(defaultSort),
      ...filters,
    })
    .strict();
}

export const pageSchema = <T extends z.ZodType>(item: T) =>
  z.object({
    data: z.array(item),
    page: z.object({
      nextCursor: z
        .string()
        .nullable()
        .describe('Pass as `cursor` to get the next page; null on the last page.'),
      limit: z.number().int(),
    }),
  });

export type Page<T> = { data: T[]; page: { nextCursor: string | null; limit: number } };

type Cursor = { s: string; v: unknown; id: string };

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(raw: string, sort: string): Cursor {
  try {
    const parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Cursor;
    if (parsed.s !== sort || typeof parsed.id !== 'string') throw new Error('mismatch');
    return parsed;
  } catch {
    throw PlatformErrors.invalid_cursor('the cursor is malformed or was made for another sort order');
  }
}

/**
 * Builds the WHERE fragment, ORDER BY and LIMIT for one page, and turns the fetched rows into the
 * page answer. Sort columns must be NOT NULL; ties are broken by id.
 */
export function keysetPage<Row>(
  query: { limit: number; cursor?: string | undefined; sort: string },
  columns: Record<string, PgColumn>,
  idColumn: PgColumn,
  sortValueOf: (row: Row, sortField: string) => unknown,
  idOf: (row: Row) => string,
) {
  const descending = query.sort.startsWith('-');
  const field = descending ? query.sort.slice(1) : query.sort;
  const column = columns[field];
  if (!column) throw PlatformErrors.validation_failed(`cannot sort by ${field}`);
  const cursor = query.cursor ? decodeCursor(query.cursor, query.sort) : undefined;
  const op = descending ? sql`<` : sql`>`;
  const where: SQL | undefined = cursor
    ? sql`(${column} ${op} ${cursor.v} or (${column} = ${cursor.v} and ${idColumn} ${op} ${cursor.id}))`
    : undefined;
  const orderBy = descending
    ? [sql`${column} desc`, sql`${idColumn} desc`]
    : [sql`${column} asc`, sql`${idColumn} asc`];
  return {
    where,
    orderBy,
    /** One more than the page, to know whether another page follows. */
    fetchLimit: query.limit + 1,
    page(rows: Row[]): Page<Row> {
      const data = rows.slice(0, query.limit);
      const last = data.at(-1);
      const more = rows.length > query.limit && last !== undefined;
      const value = more ? sortValueOf(last, field) : undefined;
      return {
        data,
        page: {
          nextCursor: more
            ? encodeCursor({
                s: query.sort,
                v: value instanceof Date ? value.toISOString() : value,
                id: idOf(last),
              })
            : null,
          limit: query.limit,
        },
      };
    },
  };
}
