/** PostgreSQL reports a duplicate key as SQLSTATE 23505 on both drivers. */
export function isUniqueViolation(error: unknown): boolean {
  return findSqlState(error) === '23505';
}

function findSqlState(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
