import { createTestApp, getCsrf, signIn, type TestContext } from '../../../../test/support/app.ts';
import { configureCredentials } from '../../../modules/credentials/index.ts';
import { createCredentialsWorld } from '../../../modules/credentials/test-credentials-world.ts';

/** The password the course test helpers give every account. */
const PASSWORD = 'a-long-test-password';

export const ROLES = [
  'anonymous',
  'holder',
  'otherLearner',
  'registrar',
  'issuerAdmin',
  'partnerAdmin',
  'otherAdmin',
  'instructor',
  'secretariat',
] as const;
export type Role = (typeof ROLES)[number];
export type Visitor = { cookies: string; token: string; userId: string };

/**
 * One app with a course whose run grants certificates (lead and partner institution), a learner
 * who passed it and holds a certificate, and everyone whose access to it differs, signed in. The
 * credentials are configured with the app's own address, so issuer DIDs, status lists and
 * credential ids point at the app under test.
 */
export async function createCredentialPagesWorld() {
  const ctx: TestContext = await createTestApp();
  const { db } = ctx.platform;
  const world = await createCredentialsWorld(db);
  configureCredentials({
    baseUrl: ctx.config.baseUrl,
    keyEncryptionSecret: ctx.config.keyEncryptionSecret,
    loadRemoteDidDocument: null,
  });
  const { cast } = world;

  /** A learner who passes now, and the certificate issued to them by the course.passed consumer. */
  async function issueCredentialTo(name: string) {
    const person = await world.buildPassedLearner(name);
    const outcomes = await world.issueDueCredentials();
    const issued = outcomes.find((outcome) => outcome.status === 'issued');
    if (!issued || issued.status !== 'issued') throw new Error(`No credential was issued to ${name}.`);
    return { person, uuid: issued.credentialUuid };
  }

  const holder = await issueCredentialTo('Amina Okafor');
  const secretariat = await world.helpers.buildUser({ secretariat: true });
  const people: Record<Exclude<Role, 'anonymous'>, { id: string; email: string }> = {
    holder: holder.person.user,
    otherLearner: cast.learner.user,
    registrar: world.registrar.user,
    issuerAdmin: cast.ownerAdmin.user,
    partnerAdmin: cast.partnerAdmin.user,
    otherAdmin: cast.otherAdmin.user,
    instructor: cast.leadInstructor.user,
    secretariat,
  };
  const visitors = {} as Record<Role, Visitor>;
  visitors.anonymous = { ...(await getCsrf(ctx.app)), userId: '' };
  for (const [role, person] of Object.entries(people) as Array<[Role, { id: string; email: string }]>) {
    visitors[role] = { ...(await getCsrf(ctx.app, await signIn(ctx.app, person.email, PASSWORD))), userId: person.id };
  }

  /** The cookies of a fresh session for someone made during a test. */
  const signInAs = (email: string) => signIn(ctx.app, email, PASSWORD);

  function get(role: Role, url: string, headers: Record<string, string> = {}) {
    const cookie = role === 'anonymous' ? {} : { cookie: visitors[role].cookies };
    return ctx.app.inject({ method: 'GET', url, headers: { ...cookie, ...headers } });
  }

  function post(role: Role, url: string, form: Record<string, string> = {}) {
    const body = new URLSearchParams({ _csrf: visitors[role].token, ...form });
    return ctx.app.inject({
      method: 'POST',
      url,
      headers: { cookie: visitors[role].cookies, 'content-type': 'application/x-www-form-urlencoded' },
      payload: body.toString(),
    });
  }

  return {
    ctx,
    world,
    holder,
    visitors,
    institutions: { issuer: cast.lead, partner: cast.partner },
    courseTitle: 'Climate Data 101',
    issueCredentialTo,
    signInAs,
    get,
    post,
    close: () => ctx.close(),
  };
}

export type CredentialPagesWorld = Awaited<ReturnType<typeof createCredentialPagesWorld>>;
