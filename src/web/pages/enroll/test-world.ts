import {
  acceptTeamInvitation,
  addSection,
  addUnit,
  createCourse,
  createRun,
  inviteToTeam,
  publishCourse,
  type NewRun,
  type TeamRole,
} from '../../../modules/courses/index.ts';
import { createStudioWorld, type Session } from '../studio/test-setup.ts';

export type Role =
  'anonymous' | 'learner' | 'enrolled' | 'lead' | 'instructor' | 'assistant' | 'author' | 'ownerAdmin' | 'otherAdmin';
export const ROLES: Role[] = [
  'anonymous',
  'learner',
  'enrolled',
  'lead',
  'instructor',
  'assistant',
  'author',
  'ownerAdmin',
  'otherAdmin',
];

/**
 * One app with a published course of Alpha University (partner: Nairobi), a person in each place
 * around it, and a way to open runs on it.
 */
export async function createEnrollWorld(key = 'ocean-data') {
  const world = await createStudioWorld();
  const { alpha, nairobi, gamma } = world.institutions;
  const people = {} as Record<Role, Session>;
  people.anonymous = await world.anonymous();
  people.learner = await world.person('Learner');
  people.enrolled = await world.person('Enrolled');
  people.lead = await world.person('Lead', [alpha, 'instructor']);
  people.instructor = await world.person('Instructor', [nairobi, 'instructor']);
  people.assistant = await world.person('Assistant', [alpha, 'instructor']);
  people.author = await world.person('Author', [alpha, 'instructor']);
  people.ownerAdmin = await world.person('OwnerAdmin', [alpha, 'admin']);
  people.otherAdmin = await world.person('OtherAdmin', [gamma, 'admin']);
  const lead = await world.actAs(people.lead);
  await createCourse(lead, {
    key,
    leadInstitutionId: alpha.id,
    partnerInstitutionIds: [nairobi.id],
    metadata: { title: { en: 'Ocean Data', ar: 'بيانات المحيط' }, languages: ['en'] },
  });
  const team: Array<[Role, TeamRole, number]> = [
    ['instructor', 'instructor', nairobi.id],
    ['assistant', 'teaching_assistant', alpha.id],
    ['author', 'author', alpha.id],
  ];
  for (const [role, teamRole, institutionId] of team) {
    const { token } = await inviteToTeam(lead, key, { email: people[role].email, role: teamRole, institutionId });
    await acceptTeamInvitation(await world.actAs(people[role]), token);
  }
  const section = await addSection(lead, key, { title: 'Week 1' });
  await addUnit(lead, key, section.key, { title: 'Tides' });
  await publishCourse(lead, key, { message: 'First release' });
  let runs = 0;

  async function openRun(settings: Partial<NewRun> = {}): Promise<string> {
    runs += 1;
    const run = await createRun(lead, key, {
      code: `T${runs}`,
      pacing: 'self_paced',
      language: 'en',
      ...settings,
    } as NewRun);
    return run.code;
  }

  /** Sends a multipart form, as the bulk form does with its file field. */
  function postMultipart(
    session: Session,
    url: string,
    fields: Record<string, string>,
    file?: { name: string; type: string; content: string | Buffer },
  ) {
    const boundary = '----orbis-test-boundary';
    const parts: Buffer[] = [];
    for (const [name, value] of Object.entries({ _csrf: session.token, ...fields })) {
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
    }
    if (file) {
      parts.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
        ),
        Buffer.from(file.content),
        Buffer.from('\r\n'),
      );
    }
    parts.push(Buffer.from(`--${boundary}--\r\n`));
    return world.ctx.app.inject({
      method: 'POST',
      url,
      headers: { cookie: session.cookies, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: Buffer.concat(parts),
    });
  }

  return { ...world, people, key, lead, openRun, postMultipart };
}

export type EnrollWorld = Awaited<ReturnType<typeof createEnrollWorld>>;
