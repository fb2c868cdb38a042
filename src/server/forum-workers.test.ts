import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase } from '../../test/support/database.ts';
import { createCoursewareWorld } from '../modules/courseware/courseware-test-fixtures.ts';
import { createReply, createThread } from '../modules/discussions/index.ts';
import { createFixedClock } from '../platform/clock/index.ts';
import type { Database, DatabaseHandle } from '../platform/db/index.ts';
import { createLogger, type Logger } from '../platform/log/index.ts';
import { listRecentMail } from '../platform/mail/index.ts';
import { startForumWorkers, type ForumWorkers } from './forum-workers.ts';

let handle: DatabaseHandle;
let world: Awaited<ReturnType<typeof createCoursewareWorld>>;
const running: ForumWorkers[] = [];

beforeAll(async () => {
  handle = await createTestDatabase();
  world = await createCoursewareWorld(handle.db);
});
afterAll(async () => {
  await Promise.all(running.map((workers) => workers.stop()));
  await handle.close();
});

/** A learner of the self-paced run whose thread someone else replies to. */
async function learnerWithAReply() {
  const author = await world.helpers.buildLearner();
  const replier = await world.helpers.buildLearner();
  for (const person of [author, replier]) await world.enroll(person, world.runs.selfPaced);
  const { threadId } = await createThread(author.ctx, world.key, 'SP', { title: 'Rain gauges', body: 'Which one?' });
  await createReply(replier.ctx, world.key, 'SP', threadId, { body: 'The tipping bucket.' });
  return { author, replier, threadId };
}

describe('the forum workers', () => {
  it('send a due digest into the mail outbox, once', async () => {
    const { author, replier, threadId } = await learnerWithAReply();
    // Two hours after the reply: past the grace period in which the site is expected to show it.
    const clock = createFixedClock(new Date(world.helpers.clock.now().getTime() + 2 * 3_600_000));
    const workers = startForumWorkers({
      db: handle.db,
      clock,
      logger: createLogger('silent'),
      baseUrl: 'https://orbis.example.org',
      intervalMs: 50,
    });
    running.push(workers);
    const digests = async () =>
      (await listRecentMail(handle.db, { recipient: author.user.email })).filter(
        (mail) => mail.kind === 'forum.digest',
      );
    await vi.waitFor(async () => expect(await digests()).toHaveLength(1), { timeout: 15_000, interval: 100 });
    const [mail] = await digests();
    expect(mail!.textBody).toContain(`${replier.user.name} replied in “Rain gauges”`);
    expect(mail!.textBody).toContain(`https://orbis.example.org/learn/${world.key}/SP/forum/threads/${threadId}#post-`);
    expect(mail!.locale).toBe('en');
    await workers.flush();
    expect(await digests()).toHaveLength(1);
    expect(await listRecentMail(handle.db, { recipient: replier.user.email })).toEqual([]);
    await workers.stop();
  });

  it('log a failed round and keep going', async () => {
    const error = vi.fn();
    const logger = { error, info: vi.fn(), warn: vi.fn(), debug: vi.fn() } as unknown as Logger;
    const broken = {
      select: () => {
        throw new Error('database gone');
      },
    } as unknown as Database;
    const workers = startForumWorkers({ db: broken, clock: world.helpers.clock, logger, baseUrl: 'x', intervalMs: 20 });
    running.push(workers);
    await vi.waitFor(() => expect(error.mock.calls.length).toBeGreaterThanOrEqual(2), { timeout: 5_000 });
    expect(error.mock.calls[0]![1]).toBe('forum digests failed');
    await expect(workers.flush()).resolves.toBe(0);
    await workers.stop();
  });
});
