import { it } from 'vitest';
import { createTestApp, createTestUser, signIn } from '../../../../test/support/app.ts';
import { seedDemoIfEmpty } from '../../../server/demo.ts';
import { getCourseByKey, getRun, getReleaseTree } from '../../../modules/courses/index.ts';
import { enrollForTest } from '../../../modules/enrollment/test-helpers.ts';
import { getUnit } from '../../../modules/courseware/index.ts';
import { requireLearnerRun } from '../../../modules/enrollment/index.ts';
import { listMembershipsOfUser } from '../../../modules/institutions/index.ts';

it('profiles', async () => {
  const ctx = await createTestApp();
  await seedDemoIfEmpty(ctx.platform);
  const { db, clock } = ctx.platform;
  const user = await createTestUser(ctx.platform);
  const course = (await getCourseByKey(db, 'climate-data-cities'))!;
  const run = (await getRun(db, course.id, 'open'))!;
  await enrollForTest(db, run, user.id);
  const actor = { userId: user.id, isSecretariat: false, memberships: await listMembershipsOfUser(db, user.id), via: 'session' as const };
  const sctx = { db, clock, actor };
  const tree = await getReleaseTree(db, run.releaseId);
  const unit = tree.sections[0]!.units[0]!;
  const cookie = await signIn(ctx.app, user.email);
  const tasks: Record<string, () => Promise<unknown>> = {
    page: () => ctx.app.inject({ url: `/learn/climate-data-cities/open/units/${unit.key}`, headers: { cookie } }),
    api: () => ctx.app.inject({ url: `/api/v1/courses/climate-data-cities/runs/open/units/${unit.key}`, headers: { cookie } }),
    home: () => ctx.app.inject({ url: `/`, headers: { cookie } }),
    me: () => ctx.app.inject({ url: `/api/v1/me`, headers: { cookie } }),
    getCourseByKey: () => getCourseByKey(db, 'climate-data-cities'),
    requireLearnerRun: () => requireLearnerRun(sctx, 'climate-data-cities', 'open'),
    getUnit: () => getUnit(sctx, 'climate-data-cities', 'open', unit.key),
    select1: () => db.execute('select 1'),
  };
  const totals: Record<string, number> = {};
  for (let round = 0; round < 100; round++) {
    for (const [name, fn] of Object.entries(tasks)) {
      const start = performance.now();
      await fn();
      if (round >= 10) totals[name] = (totals[name] ?? 0) + performance.now() - start;
    }
  }
  for (const [name, total] of Object.entries(totals)) console.log(name, (total / 90).toFixed(2), 'ms');
  await ctx.close();
}, 300_000);
