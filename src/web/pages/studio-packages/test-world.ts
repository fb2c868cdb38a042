import { createTestApp, getCsrf, signIn, type TestContext } from '../../../../test/support/app.ts';
import { createCourseTestHelpers, type CourseCast } from '../../../modules/courses/test-helpers.ts';

export const ROLES = ['anonymous', 'learner', 'author', 'assistant', 'ownerAdmin', 'otherAdmin', 'lead'] as const;
export type Role = (typeof ROLES)[number];
type Session = { cookies: string; token: string };

const PASSWORD = 'a-long-test-password';

/** An app with one course and a person in every place that matters to package access. */
export async function createPackageWorld() {
  const ctx: TestContext = await createTestApp();
  const helpers = createCourseTestHelpers(ctx.platform.db);
  const cast: CourseCast = await helpers.buildCourseWithTeam();
  const people = {
    learner: cast.learner,
    author: cast.author,
    assistant: cast.teachingAssistant,
    ownerAdmin: cast.ownerAdmin,
    otherAdmin: cast.otherAdmin,
    lead: cast.leadInstructor,
  };
  const sessions = { anonymous: await getCsrf(ctx.app) } as Record<Role, Session>;
  for (const [role, person] of Object.entries(people)) {
    sessions[role as Role] = await getCsrf(ctx.app, await signIn(ctx.app, person.user.email, PASSWORD));
  }
  const get = (role: Role, url: string) =>
    ctx.app.inject({ method: 'GET', url, headers: { cookie: sessions[role].cookies } });

  /** A multipart form post, as the import page's form sends it. */
  function postForm(role: Role, url: string, fields: Record<string, string>, file?: { name: string; bytes: Buffer }) {
    const boundary = '----orbis-package-test';
    const parts: Buffer[] = [];
    const add = (name: string, value: string) =>
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
    add('_csrf', sessions[role].token);
    for (const [name, value] of Object.entries(fields)) add(name, value);
    if (file) {
      parts.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/zip\r\n\r\n`,
        ),
        file.bytes,
        Buffer.from('\r\n'),
      );
    }
    parts.push(Buffer.from(`--${boundary}--\r\n`));
    return ctx.app.inject({
      method: 'POST',
      url,
      headers: { cookie: sessions[role].cookies, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: Buffer.concat(parts),
    });
  }

  return { ctx, helpers, cast, sessions, key: cast.course.key, get, postForm, close: () => ctx.close() };
}

export type PackageWorld = Awaited<ReturnType<typeof createPackageWorld>>;
