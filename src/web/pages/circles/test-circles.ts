import { getCsrf, signIn } from '../../../../test/support/app.ts';
import { updateCurrentProfile } from '../../../modules/identity/index.ts';
import type { ForumWorld } from '../forum/test-world.ts';

const PASSWORD = 'a-long-test-password';

export type CircleLearner = { id: string; name: string; session: { cookies: string; token: string } };

/** A learner of the self-paced run with a name and a country, signed in. */
export async function createCircleLearner(world: ForumWorld, name: string, country: string): Promise<CircleLearner> {
  const person = await world.world.helpers.buildLearner();
  await world.world.enroll(person, world.world.runs.selfPaced);
  await updateCurrentProfile(person.ctx, { name, country });
  const session = await getCsrf(world.ctx.app, await signIn(world.ctx.app, person.user.email, PASSWORD));
  return { id: person.user.id, name, session };
}

export function getAs(world: ForumWorld, learner: CircleLearner, url: string) {
  return world.ctx.app.inject({ method: 'GET', url, headers: { cookie: learner.session.cookies } });
}

/** A form post; each value of a list is sent as its own field, as a browser sends checkboxes. */
export function postAs(
  world: ForumWorld,
  learner: CircleLearner,
  url: string,
  form: Record<string, string | string[]>,
) {
  const body = new URLSearchParams({ _csrf: learner.session.token });
  for (const [name, value] of Object.entries(form)) {
    for (const entry of Array.isArray(value) ? value : [value]) body.append(name, entry);
  }
  return world.ctx.app.inject({
    method: 'POST',
    url,
    headers: { cookie: learner.session.cookies, 'content-type': 'application/x-www-form-urlencoded' },
    payload: body.toString(),
  });
}
