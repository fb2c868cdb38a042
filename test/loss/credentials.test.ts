import { describe, expect, it } from 'vitest';
import { runCredentialLossTest } from '../../bench/loss-credentials.mjs';
import * as credentialWorld from '../../bench/credentials-world.ts';

/*
 * A small version of bench/loss-credentials.mjs: the server, started from the sources, is killed
 * with SIGKILL while its worker issues certificates from the outbox; afterwards every pass has
 * exactly one credential. On PGlite by default; on PostgreSQL when DATABASE_URL names a server.
 */
describe('issuing while the server is killed', () => {
  it('issues exactly one credential per pass', { timeout: 240_000 }, async () => {
    const figures = await runCredentialLossTest({
      passes: 80,
      kills: 4,
      mode: 'source',
      databaseUrl: process.env.DATABASE_URL ?? null,
      log: () => undefined,
      world: credentialWorld,
    });
    expect(figures).toMatchObject({ passes: 80, issued: 80, missing: 0, duplicates: 0, pendingEvents: 0 });
    expect(figures.kills).toBeGreaterThanOrEqual(1);
    expect(figures.killedWhileIssuing).toBeGreaterThanOrEqual(1);
  });
});
