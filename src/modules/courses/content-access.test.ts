import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.ts';
import type { ServiceContext } from '../../platform/access/index.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import {
  addBlock,
  addSection,
  addUnit,
  deleteBlock,
  deleteSection,
  deleteUnit,
  getDraftTree,
  getPendingChanges,
  getPublishedTree,
  getReleaseTree,
  listReleases,
  moveBlock,
  moveSection,
  moveUnit,
  publishCourse,
  revertDraft,
  updateBlock,
  updateSection,
  updateUnit,
} from './index.ts';
import { createCourseTestHelpers, type CourseCast } from './test-helpers.ts';

let handle: DatabaseHandle;
let helpers: ReturnType<typeof createCourseTestHelpers>;

beforeAll(async () => {
  handle = await createTestDatabase();
  helpers = createCourseTestHelpers(handle.db);
});
afterAll(() => handle.close());

const ROLES = [
  'leadInstructor',
  'instructor',
  'author',
  'teachingAssistant',
  'ownerAdmin',
  'partnerAdmin',
  'otherAdmin',
  'learner',
  'anonymous',
] as const;
type Role = (typeof ROLES)[number];
type Need = 'view_draft' | 'edit_content' | 'publish';

/** Written out rather than derived from the policy, so a policy change shows up here. */
const ALLOWED: Record<Need, readonly Role[]> = {
  view_draft: ['leadInstructor', 'instructor', 'author', 'teachingAssistant', 'ownerAdmin', 'partnerAdmin'],
  edit_content: ['leadInstructor', 'instructor', 'author'],
  publish: ['leadInstructor'],
};
const OUTSIDERS: readonly Role[] = ['otherAdmin', 'learner', 'anonymous'];

type Target = { key: string; section: string; unit: string; block: string };
type Operation = { name: string; need: Need; run: (ctx: ServiceContext, target: Target) => Promise<unknown> };

const text = { type: 'text' as const, title: 'T', body: 'B' };

const OPERATIONS: Operation[] = [
  { name: 'getDraftTree', need: 'view_draft', run: (ctx, t) => getDraftTree(ctx, t.key) },
  { name: 'listReleases', need: 'view_draft', run: (ctx, t) => listReleases(ctx, t.key) },
  { name: 'getPendingChanges', need: 'view_draft', run: (ctx, t) => getPendingChanges(ctx, t.key) },
  { name: 'addSection', need: 'edit_content', run: (ctx, t) => addSection(ctx, t.key, { title: 'New' }) },
  {
    name: 'updateSection',
    need: 'edit_content',
    run: (ctx, t) => updateSection(ctx, t.key, t.section, { title: 'Renamed' }),
  },
  { name: 'moveSection', need: 'edit_content', run: (ctx, t) => moveSection(ctx, t.key, t.section, { position: 0 }) },
  { name: 'deleteSection', need: 'edit_content', run: (ctx, t) => deleteSection(ctx, t.key, t.section) },
  { name: 'addUnit', need: 'edit_content', run: (ctx, t) => addUnit(ctx, t.key, t.section, { title: 'New' }) },
  { name: 'updateUnit', need: 'edit_content', run: (ctx, t) => updateUnit(ctx, t.key, t.unit, { title: 'Renamed' }) },
  {
    name: 'moveUnit',
    need: 'edit_content',
    run: (ctx, t) => moveUnit(ctx, t.key, t.unit, { sectionKey: t.section, position: 0 }),
  },
  { name: 'deleteUnit', need: 'edit_content', run: (ctx, t) => deleteUnit(ctx, t.key, t.unit) },
  { name: 'addBlock', need: 'edit_content', run: (ctx, t) => addBlock(ctx, t.key, t.unit, text) },
  {
    name: 'updateBlock',
    need: 'edit_content',
    run: (ctx, t) => updateBlock(ctx, t.key, t.block, { ...text, body: 'Changed' }),
  },
  {
    name: 'moveBlock',
    need: 'edit_content',
    run: (ctx, t) => moveBlock(ctx, t.key, t.block, { unitKey: t.unit, position: 0 }),
  },
  { name: 'deleteBlock', need: 'edit_content', run: (ctx, t) => deleteBlock(ctx, t.key, t.block) },
  { name: 'publishCourse', need: 'publish', run: (ctx, t) => publishCourse(ctx, t.key, { message: 'm' }) },
];

function isAllowed(need: Need, role: Role): boolean {
  return ALLOWED[need].includes(role);
}

function contextOf(cast: CourseCast, role: Role): ServiceContext {
  return role === 'anonymous' ? cast.anonymous : cast[role].ctx;
}

/** A fresh section, unit and block (so each call has something to act on and something to publish). */
async function prepareTarget(cast: CourseCast): Promise<Target> {
  const ctx = cast.leadInstructor.ctx;
  const key = cast.course.key;
  const section = await addSection(ctx, key, { title: 'S' });
  const unit = await addUnit(ctx, key, section.key, { title: 'U' });
  const block = await addBlock(ctx, key, unit.key, text);
  return { key, section: section.key, unit: unit.key, block: block.key };
}

describe.each([
  { state: 'never published', published: false },
  { state: 'published', published: true },
])('access to the content of a course $state', ({ published }) => {
  let cast: CourseCast;

  beforeAll(async () => {
    cast = await helpers.buildCourseWithTeam();
    if (published) {
      await prepareTarget(cast);
      await publishCourse(cast.leadInstructor.ctx, cast.course.key, { message: 'v1' });
    }
  });

  it('revertDraft needs edit_content', async () => {
    for (const role of ROLES) {
      const outcome = revertDraft(contextOf(cast, role), cast.course.key);
      if (!ALLOWED.edit_content.includes(role)) {
        const kind = OUTSIDERS.includes(role) && !published ? 'not_found' : 'forbidden';
        await expect(outcome, role).rejects.toMatchObject({ kind });
      } else if (published) {
        await expect(outcome, role).resolves.toBeUndefined();
      } else {
        await expect(outcome, role).rejects.toMatchObject({ code: 'course.never_published' });
      }
    }
  });

  it('the released tree is public', async () => {
    const tree = await getPublishedTree(handle.db, cast.course.key);
    if (!published) {
      expect(tree).toBeNull();
      return;
    }
    expect(tree).not.toBeNull();
    expect(await getReleaseTree(handle.db, tree!.releaseId!)).toBe(tree);
  });

  for (const operation of OPERATIONS) {
    it(`${operation.name} is allowed exactly for those with ${operation.need}`, async () => {
      // Those refused go first, so a course that must stay unpublished is still unpublished for them.
      const roles = [...ROLES].sort(
        (a, b) => Number(isAllowed(operation.need, a)) - Number(isAllowed(operation.need, b)),
      );
      const shared = await prepareTarget(cast);
      for (const role of roles) {
        const allowed = isAllowed(operation.need, role);
        // Only a call that succeeds changes its target; reads and refusals can share one.
        const fresh = allowed && operation.need !== 'view_draft';
        const outcome = operation.run(contextOf(cast, role), fresh ? await prepareTarget(cast) : shared);
        if (allowed) {
          await expect(outcome, role).resolves.not.toThrow();
        } else {
          const kind = OUTSIDERS.includes(role) && !published ? 'not_found' : 'forbidden';
          await expect(outcome, role).rejects.toMatchObject({ kind });
        }
      }
    });
  }
});
