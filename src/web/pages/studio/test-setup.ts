import { createTestApp, createTestUser, getCsrf, signIn, type TestContext } from '../../../../test/support/app.ts';
import { SYSTEM_ACTOR, type ServiceContext } from '../../../platform/access/index.ts';
import {
  addMember,
  createInstitution,
  listMembershipsOfUser,
  type Institution,
} from '../../../modules/institutions/index.ts';

export type Session = { cookies: string; token: string; userId: string; email: string; name: string };

/** One app with four member institutions and a helper to sign people in with roles there. */
export async function createStudioWorld() {
  const ctx: TestContext = await createTestApp();
  const system: ServiceContext = { db: ctx.platform.db, clock: ctx.platform.clock, actor: SYSTEM_ACTOR };
  const base = { type: 'university' as const, membershipStatus: 'member' as const };
  const make = (key: string, name: string, country: string) =>
    createInstitution(system, { ...base, key, name: { en: name }, country });
  const institutions = {
    alpha: await make('alpha', 'Alpha University', 'CN'),
    nairobi: await make('nairobi', 'University of Nairobi', 'KE'),
    gamma: await make('gamma', 'Gamma Institute', 'BR'),
    delta: await make('delta', 'Delta College', 'IN'),
  };

  async function person(
    handle: string,
    role?: [Institution, 'instructor' | 'admin'],
    options: { secretariat?: boolean } = {},
  ): Promise<Session> {
    const email = `${handle.toLowerCase()}@example.test`;
    const user = await createTestUser(ctx.platform, { email, name: `${handle} Person`, ...options });
    if (role) await addMember(system, { institutionId: role[0].id, userId: user.id, role: role[1] });
    const session = await getCsrf(ctx.app, await signIn(ctx.app, email));
    return { ...session, userId: user.id, email, name: user.name };
  }

  async function anonymous(): Promise<Session> {
    return { ...(await getCsrf(ctx.app)), userId: '', email: '', name: '' };
  }

  /** A service context acting as a signed-in person, for setting up state the pages then show. */
  async function actAs(session: Session): Promise<ServiceContext> {
    const memberships = await listMembershipsOfUser(ctx.platform.db, session.userId);
    return { ...system, actor: { userId: session.userId, isSecretariat: false, memberships, via: 'session' } };
  }

  function get(session: Session, url: string) {
    return ctx.app.inject({ method: 'GET', url, headers: { cookie: session.cookies } });
  }

  function post(session: Session, url: string, form: Record<string, string | string[]> = {}) {
    const body = new URLSearchParams();
    body.set('_csrf', session.token);
    for (const [name, value] of Object.entries(form)) for (const item of [value].flat()) body.append(name, item);
    return ctx.app.inject({
      method: 'POST',
      url,
      headers: { cookie: session.cookies, 'content-type': 'application/x-www-form-urlencoded' },
      payload: body.toString(),
    });
  }

  /** Accepts every pending invitation of the person from their studio list. */
  async function acceptAll(session: Session): Promise<void> {
    const page = await get(session, '/studio');
    for (const match of page.body.matchAll(/action="(\/studio\/invitations\/[0-9a-f-]{36}\/acceptance)"/g)) {
      const response = await post(session, match[1]!);
      if (response.statusCode !== 303) throw new Error(`acceptance failed: ${response.statusCode}`);
    }
  }

  return { ctx, system, institutions, person, anonymous, actAs, get, post, acceptAll };
}

export type StudioWorld = Awaited<ReturnType<typeof createStudioWorld>>;
