import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.ts';

/*
 * The only place this module reads the identity module's account table (id, e-mail, name), for
 * the two set-based reads identity has no function for yet: resolving thousands of addresses in
 * one query, and filtering a run's learners by name or address inside the query that pages them. Kept
 * read-only and together so both can move behind identity functions without touching the
 * callers (see README, "Decisions").
 */

/** Account ids of the addresses that have an account; `emails` must already be normalised. */
export async function findAccountIdsByEmails(
  executor: Executor,
  emails: readonly string[],
): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  if (emails.length === 0) return found;
  const result = (await executor.execute(
    sql`select id, email from idn_user where email = any(${sql.param([...emails])}::text[])`,
  )) as unknown as { rows: Array<{ id: string; email: string }> };
  for (const row of result.rows) found.set(row.email, row.id);
  return found;
}

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/gu, (character) => `\\${character}`)}%`;
}

/** A condition on an enrollment's person: their name or address contains `text` (any case). */
export function accountMatches(userId: SQL | AnyColumn, text: string): SQL {
  const pattern = likePattern(text);
  return sql`exists (select 1 from idn_user u where u.id = ${userId} and (u.email ilike ${pattern} or u.name ilike ${pattern}))`;
}
