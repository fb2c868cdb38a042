import { inArray, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.ts';
import { idnUser } from './schema.ts';

/**
 * Set-based reads of accounts for modules that work on thousands of people at once (bulk
 * enrollment, rosters), so they never need the account table themselves.
 */

/** Account ids of the addresses that have an account; `emails` must already be normalised (lower case). */
export async function findUserIdsByEmails(executor: Executor, emails: readonly string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  if (emails.length === 0) return found;
  const rows = await executor
    .select({ id: idnUser.id, email: idnUser.email })
    .from(idnUser)
    .where(inArray(idnUser.email, [...emails]));
  for (const row of rows) found.set(row.email, row.id);
  return found;
}

function toLikePattern(text: string): string {
  return `%${text.replace(/[\\%_]/gu, (character) => `\\${character}`)}%`;
}

/**
 * A condition for another module's query: the account `userId` refers to has a name or e-mail
 * containing `text`, in any case. Wildcards in `text` are matched literally.
 */
export function matchUserNameOrEmail(userId: SQL | AnyColumn, text: string): SQL {
  const pattern = toLikePattern(text);
  return sql`exists (select 1 from idn_user u where u.id = ${userId} and (u.email ilike ${pattern} or u.name ilike ${pattern}))`;
}
