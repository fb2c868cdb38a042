import { randomUUID } from 'node:crypto';

/**
 * A statement id: a UUID version 7 (RFC 9562), its first 48 bits the time in milliseconds, the
 * other 74 of its free bits random. Ids written together sort together, so the unique index on
 * `lrs_statement.id` grows at its right edge instead of touching a random page of a large index
 * for every row (which, after each checkpoint, also writes that whole page to the WAL). The
 * random bits come from a version 4 UUID, whose version nibble gives way to the 7; its variant
 * bits are already those of version 7.
 */
export function createStatementId(at: Date): string {
  const time = Math.max(0, Math.floor(at.getTime())).toString(16).padStart(12, '0').slice(-12);
  const random = randomUUID();
  return `${time.slice(0, 8)}-${time.slice(8)}-7${random.slice(15)}`;
}
