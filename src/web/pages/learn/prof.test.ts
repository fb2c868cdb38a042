import { it } from 'vitest';
import { createTestApp, createTestUser, signIn } from '../../../../test/support/app.ts';
import { seedDemoIfEmpty } from '../../../server/demo.ts';
import { getCourseByKey, getRun, readTranscripts, getReleaseTree } from '../../../modules/courses/index.ts';
import { enrollForTest } from '../../../modules/enrollment/test-helpers.ts';
import { getUnit } from '../../../modules/courseware/index.ts';
import { requireLearnerRun } from '../../../modules/enrollment/index.ts';
import { listQuizStatuses } from '../../../modules/assessment/index.ts';
import { listMembershipsOfUser } from '../../../modules/institutions/index.ts';

async function time(label: string, fn: () => Promise<unknown>, n = 200) {
  await fn();
  const start = performance.now();
  for (let i = 0; i < n; i++) await fn();
  console.log(label, ((performance.now() - start) / n).toFixed(2), 'ms');
}

it('profiles', async () => {
  const ctx = await createTestApp();
  await seedDemoIfEmpty(ctx.platform);
  const { db, clock, storage } = ctx.platform;
  const user = await createTestUser(ctx.platform);
  const course = (await getCourseByKey(db, 'climate-data-cities'))!;
  const run = (await getRun(db, course.id, 'open'))!;
  await enrollForTest(db, run, user.id);
  const actor = {
    userId: user.id,
    isSecretariat: false,
    memberships: await listMembershipsOfUser(db, user.id),
    via: 'session' as const,
  };
  const sctx = { db, clock, actor };
  const tree = await getReleaseTree(db, run.releaseId);
  const unit = tree.sections[0]!.units[0]!;
  console.log(unit.blocks.map((b) => b.block.type));
  const cookie = await signIn(ctx.app, user.email);
  await time('inject unit', () =>
    ctx.app.inject({ url: `/learn/climate-data-cities/open/units/${unit.key}`, headers: { cookie } }),
  );
  await time('inject /', () => ctx.app.inject({ url: `/`, headers: { cookie } }));
  await time('getCourseByKey', () => getCourseByKey(db, 'climate-data-cities'));
  await time('requireLearnerRun', () => requireLearnerRun(sctx, 'climate-data-cities', 'open'));
  await time('getUnit', () => getUnit(sctx, 'climate-data-cities', 'open', unit.key));
  const view = await getUnit(sctx, 'climate-data-cities', 'open', unit.key);
  for (const b of view.blocks)
    if (b.type === 'video') await time('readTranscripts', () => readTranscripts(sctx, storage, b));
  await time('quiz statuses', () => listQuizStatuses(sctx, view.learner!, [1, 2]));
  await ctx.close();
}, 300_000);
