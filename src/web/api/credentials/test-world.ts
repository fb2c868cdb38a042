import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, signIn, type TestContext } from '../../../../test/support/app.ts';
import { createCredentialsWorld } from '../../../modules/credentials/test-credentials-world.ts';
import { listMyCredentials, setCredentialVisibility } from '../../../modules/credentials/index.ts';
import { createApiToken } from '../../../modules/identity/index.ts';
import type { ServiceContext } from '../../../platform/access/index.ts';

/** The password the course test helpers give every account. */
const PASSWORD = 'a-long-test-password';
const OWN_ORIGIN = 'http://localhost:3000';

export const CREDENTIAL_ROLES = [
  'anonymous',
  'owner',
  'otherLearner',
  'issuerAdmin',
  'registrar',
  'partnerAdmin',
  'otherAdmin',
  'secretariat',
] as const;
export type CredentialRole = (typeof CREDENTIAL_ROLES)[number];
export type Via = 'token' | 'session';

type Person = { user: { id: string; email: string }; ctx: ServiceContext };
type Caller = { userId: string; token: string; cookie: string };

/**
 * One app whose course run grants certificates of its lead institution: the owner holding a
 * private one, a sharer who made theirs public, another learner with their own, the lead's
 * admin and registrar, the partner's and an outside institution's admins and the secretariat,
 * each with an API token and a browser session. Credentials are configured for
 * https://orbis.example, the origin of every issuer DID here.
 */
export async function createCredentialApiWorld() {
  const ctx: TestContext = await createTestApp();
  const world = await createCredentialsWorld(ctx.platform.db);
  const { cast, helpers } = world;

  /** A new learner who passed the run, with the certificate just issued to them. */
  async function buildHolder(name: string) {
    const person = await world.buildPassedLearner(name);
    await world.issueDueCredentials();
    const [summary] = await listMyCredentials(person.ctx);
    if (!summary) throw new Error(`No credential was issued to ${name}.`);
    return { ...person, credentialUuid: summary.uuid };
  }

  const owner = await buildHolder('Amina Okafor');
  const sharer = await buildHolder('Chidi Eze');
  await setCredentialVisibility(sharer.ctx, sharer.credentialUuid, true);
  const otherLearner = await buildHolder('Bao Chen');
  const secretariatUser = await helpers.buildUser({ secretariat: true });
  const people: Record<Exclude<CredentialRole, 'anonymous'>, Person> = {
    owner,
    otherLearner,
    issuerAdmin: cast.ownerAdmin,
    registrar: world.registrar,
    partnerAdmin: cast.partnerAdmin,
    otherAdmin: cast.otherAdmin,
    secretariat: { user: secretariatUser, ctx: await helpers.contextFor(secretariatUser.id, true) },
  };

  const callers = { anonymous: { userId: '', token: '', cookie: '' } } as Record<CredentialRole, Caller>;
  for (const [role, person] of Object.entries(people) as Array<[Exclude<CredentialRole, 'anonymous'>, Person]>) {
    const { token } = await createApiToken(
      { db: ctx.platform.db, clock: ctx.platform.clock, actor: { ...person.ctx.actor!, via: 'session' } },
      { name: 'credential tests' },
    );
    callers[role] = { userId: person.user.id, token, cookie: await signIn(ctx.app, person.user.email, PASSWORD) };
  }

  /** A JSON request as `role`, by API token or by browser session from our own origin. */
  function call(
    role: CredentialRole,
    method: 'GET' | 'POST',
    url: string,
    payload?: unknown,
    via: Via = 'token',
  ): Promise<LightMyRequestResponse> {
    const caller = callers[role];
    const headers: Record<string, string> = {};
    if (role !== 'anonymous' && via === 'token') headers.authorization = `Bearer ${caller.token}`;
    if (role !== 'anonymous' && via === 'session') {
      headers.cookie = caller.cookie;
      headers.origin = OWN_ORIGIN;
    }
    if (payload !== undefined) headers['content-type'] = 'application/json';
    return ctx.app.inject({
      method,
      url,
      headers,
      ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }),
    });
  }

  return { ctx, world, owner, sharer, otherLearner, callers, buildHolder, call, close: () => ctx.close() };
}

export type CredentialApiWorld = Awaited<ReturnType<typeof createCredentialApiWorld>>;
