import {
  createReply,
  createThread,
  endorsePost,
  getForumOverview,
  getThread,
  joinStudyCircle,
  listThreads,
  markAnswer,
  setMemberStanding,
  setThreadState,
  voteOnPost,
} from '../../modules/discussions/index.ts';
import { enrollInRun } from '../../modules/enrollment/index.ts';
import { createAccount, findUserByEmail, updateCurrentProfile } from '../../modules/identity/index.ts';
import { SYSTEM_ACTOR, type ServiceContext } from '../../platform/access/index.ts';
import { DEMO_PASSWORD } from '../demo-data.ts';
import { contextForDemoAccount } from './accounts.ts';
import type { DemoCourseDeps } from './types.ts';

const COURSE = 'circular-design';
const RUN = 'self-paced';
const LEAD = 'instructor.polimi@demo.orbis.test';

/** Learners of Circular Design from six countries; each writes at most three posts, within a new account's limits. */
export const DEMO_FORUM_LEARNERS = [
  { key: 'wanjiru', email: 'wanjiru@demo.orbis.test', name: 'Wanjiru Kamau', country: 'KE', locale: 'en' },
  { key: 'somchai', email: 'somchai@demo.orbis.test', name: 'Somchai Prasert', country: 'TH', locale: 'en' },
  { key: 'liwei', email: 'li.wei@demo.orbis.test', name: 'Li Wei', country: 'CN', locale: 'zh-Hans' },
  { key: 'giulia', email: 'giulia@demo.orbis.test', name: 'Giulia Romano', country: 'IT', locale: 'en' },
  { key: 'omar', email: 'omar@demo.orbis.test', name: 'Omar Haddad', country: 'EG', locale: 'ar' },
  { key: 'ana', email: 'ana@demo.orbis.test', name: 'Ana Souza', country: 'BR', locale: 'en' },
] as const;

type LearnerKey = (typeof DEMO_FORUM_LEARNERS)[number]['key'];

async function prepareLearners(deps: DemoCourseDeps): Promise<Record<LearnerKey, ServiceContext>> {
  const contexts = {} as Record<LearnerKey, ServiceContext>;
  for (const learner of DEMO_FORUM_LEARNERS) {
    if (!(await findUserByEmail(deps.db, learner.email))) {
      await createAccount(
        { db: deps.db, clock: deps.clock, actor: SYSTEM_ACTOR },
        { email: learner.email, name: learner.name, password: DEMO_PASSWORD, emailVerified: true },
      );
    }
    const ctx = await contextForDemoAccount(deps.db, deps.clock, learner.email);
    await updateCurrentProfile(ctx, { country: learner.country, locale: learner.locale });
    await enrollInRun(ctx, COURSE, RUN);
    contexts[learner.key] = ctx;
  }
  return contexts;
}

/**
 * A lived-in forum for Circular Design, written through the forum services as clicks would: a
 * pinned welcome from the lead instructor, introductions in three languages, a question with an
 * accepted and endorsed answer, a thread under the in-unit discussion, votes, a community TA
 * (Giulia), and a study circle of learners who share English. Skipped when the forum already has threads.
 */
export async function seedDemoForum(deps: DemoCourseDeps): Promise<void> {
  const lead = await contextForDemoAccount(deps.db, deps.clock, LEAD);
  const overview = await getForumOverview(lead, COURSE, RUN);
  if ((await listThreads(lead, COURSE, RUN)).total > 0) return;
  const people = await prepareLearners(deps);
  const section = overview.topics.find((topic) => topic.kind === 'section');
  const block = overview.topics.find((topic) => topic.kind === 'block');

  const welcome = await createThread(lead, COURSE, RUN, {
    title: 'Welcome! Introduce yourself',
    kind: 'discussion',
    language: 'en',
    body: 'Welcome to **Circular Design**, taught together by Politecnico di Milano and our partners.\n\nTell us where you are learning from and one product you have repaired instead of replacing. Write in the language you are most comfortable with: choose it when you post, and others can filter by language.',
  });
  await setThreadState(lead, COURSE, RUN, welcome.threadId, { pinned: true });
  const wanjiru = await createReply(people.wanjiru, COURSE, RUN, welcome.threadId, {
    language: 'en',
    body: 'Hello from Nairobi! In Gikomba market people rebuild old phones into new ones — I learnt to replace a screen there.',
  });
  await createReply(people.liwei, COURSE, RUN, welcome.threadId, {
    language: 'zh-Hans',
    body: '大家好，我在杭州学习。我修好了家里的旧电饭煲，换了一个温控器就能用了。',
  });
  await createReply(people.omar, COURSE, RUN, welcome.threadId, {
    language: 'ar',
    body: 'مرحبًا من القاهرة! أصلحت دراجتي بدلاً من شراء دراجة جديدة، وتعلمت الكثير عن القطع القابلة للاستبدال.',
  });
  await voteOnPost(people.somchai, COURSE, RUN, wanjiru.postId, { up: true });
  await voteOnPost(people.giulia, COURSE, RUN, wanjiru.postId, { up: true });

  const question = await createThread(people.somchai, COURSE, RUN, {
    title: 'Is recycling the same as a circular economy?',
    kind: 'question',
    language: 'en',
    topic: section?.key ?? 'general',
    body: 'In Bangkok most plastic we sort still ends up burned. If everything were recycled, would that already be circular?',
  });
  const answer = await createReply(people.giulia, COURSE, RUN, question.threadId, {
    language: 'en',
    body: 'Not quite: recycling is the *last* loop. The inner loops — maintain, reuse, remanufacture — keep more of the value and energy. Week 1 shows the butterfly diagram.',
  });
  await createReply(people.ana, COURSE, RUN, question.threadId, {
    language: 'pt',
    body: 'Concordo com a Giulia. Em São Paulo, as cooperativas de catadores mostram que a reutilização vem antes da reciclagem.',
  });
  await markAnswer(people.somchai, COURSE, RUN, question.threadId, answer.postId);
  await endorsePost(lead, COURSE, RUN, answer.postId, { endorsed: true });
  const asked = await getThread(people.wanjiru, COURSE, RUN, question.threadId);
  await voteOnPost(people.wanjiru, COURSE, RUN, asked.opening.id, { up: true });

  if (block) {
    await createThread(people.ana, COURSE, RUN, {
      title: 'Reuse in São Paulo',
      kind: 'discussion',
      language: 'en',
      topic: block.key,
      body: 'Glass bottles of milk and beer are still returned and refilled here — the deposit makes it work.',
    });
  }
  // Giulia helps the staff keep the forum civil: a community TA, who may hide posts.
  await setMemberStanding(lead, COURSE, RUN, { userId: people.giulia.actor!.userId, communityTa: true });
  for (const key of ['wanjiru', 'somchai', 'giulia', 'ana'] as const) {
    await joinStudyCircle(people[key], COURSE, RUN, { languages: key === 'ana' ? ['pt', 'en'] : ['en'] });
  }
}
