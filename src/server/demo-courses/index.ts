import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { ServiceContext } from '../../platform/access/index.ts';
import {
  acceptTeamInvitation,
  addBlock,
  addSection,
  addUnit,
  createCourse,
  createRun,
  getCourseByKey,
  inviteToTeam,
  publishCourse,
  uploadMedia,
  type BlockInput,
  type MediaAsset,
} from '../../modules/courses/index.ts';
import { contextForDemoAccount, ensureDemoCourseAccounts, requireInstitution } from './accounts.ts';
import { AI_INTRO_COURSE } from './ai-intro.ts';
import { CIRCULAR_DESIGN_COURSE } from './circular-design.ts';
import { CLIMATE_DATA_COURSE } from './climate-data.ts';
import { seedDemoForum } from './forum.ts';
import { seedDemoGraduate, seedDemoLearning } from './learning.ts';
import type { DemoBlock, DemoCourse, DemoCourseDeps, DemoVideoBlock } from './types.ts';

export { DEMO_COURSE_ACCOUNTS } from './accounts.ts';
export type { DemoCourse } from './types.ts';

export const DEMO_COURSES: readonly DemoCourse[] = [CLIMATE_DATA_COURSE, AI_INTRO_COURSE, CIRCULAR_DESIGN_COURSE];

export type { DemoCourseDeps } from './types.ts';

/* The compiled server runs from dist/src/…, where the media files are not copied: fall back to the sources. */
const MEDIA_DIR =
  [new URL('../demo-media/', import.meta.url), new URL('../../../../src/server/demo-media/', import.meta.url)].find(
    (dir) => existsSync(dir),
  ) ?? new URL('../demo-media/', import.meta.url);

/**
 * Builds the demo courses through the courses services, acting as their instructors, so they
 * look exactly like courses made in the studio. Needs the demo alliance and accounts; a course
 * whose key already exists is left alone. Returns the keys of the courses it created.
 */
export async function seedDemoCourses(deps: DemoCourseDeps): Promise<string[]> {
  const missing: DemoCourse[] = [];
  for (const course of DEMO_COURSES) {
    if (!(await getCourseByKey(deps.db, course.key))) missing.push(course);
  }
  if (missing.length === 0) return [];
  await ensureDemoCourseAccounts(deps.db, deps.clock);
  for (const course of missing) await seedCourse(deps, course);
  if (missing.includes(CIRCULAR_DESIGN_COURSE)) {
    await seedDemoLearning(deps);
    await seedDemoGraduate(deps);
    await seedDemoForum(deps);
  }
  return missing.map((course) => course.key);
}

async function seedCourse(deps: DemoCourseDeps, demo: DemoCourse): Promise<void> {
  const ctx = await contextForDemoAccount(deps.db, deps.clock, demo.leadInstructorEmail);
  const lead = await requireInstitution(deps.db, demo.leadInstitutionKey);
  const partners = await Promise.all(demo.partnerInstitutionKeys.map((key) => requireInstitution(deps.db, key)));
  await createCourse(ctx, {
    key: demo.key,
    leadInstitutionId: lead.id,
    partnerInstitutionIds: partners.map((partner) => partner.id),
    metadata: demo.metadata,
  });
  await addTeam(deps, ctx, demo);
  for (const section of demo.sections) {
    const createdSection = await addSection(ctx, demo.key, { title: section.title });
    for (const unit of section.units) {
      const createdUnit = await addUnit(ctx, demo.key, createdSection.key, { title: unit.title });
      for (const { key, ...block } of unit.blocks) {
        const input = await toBlockInput(deps, ctx, demo.key, block);
        await addBlock(ctx, demo.key, createdUnit.key, input, undefined, key);
      }
    }
  }
  await publishCourse(ctx, demo.key, { message: demo.publishMessage });
  for (const run of demo.runs) await createRun(ctx, demo.key, run);
}

/** Team members join the way real ones do: invited by the lead instructor, then accepting. */
async function addTeam(deps: DemoCourseDeps, leadCtx: ServiceContext, demo: DemoCourse): Promise<void> {
  for (const member of demo.team) {
    const institution = await requireInstitution(deps.db, member.institutionKey);
    const { token } = await inviteToTeam(leadCtx, demo.key, {
      email: member.email,
      role: member.role,
      institutionId: institution.id,
    });
    await acceptTeamInvitation(await contextForDemoAccount(deps.db, deps.clock, member.email), token);
  }
}

async function toBlockInput(
  deps: DemoCourseDeps,
  ctx: ServiceContext,
  courseKey: string,
  block: DemoBlock,
): Promise<BlockInput> {
  if (block.type !== 'demo_video') return block;
  return uploadVideo(deps, ctx, courseKey, block);
}

async function uploadVideo(
  deps: DemoCourseDeps,
  ctx: ServiceContext,
  courseKey: string,
  video: DemoVideoBlock,
): Promise<BlockInput> {
  const upload = async (purpose: MediaAsset['purpose'], filename: string): Promise<MediaAsset> =>
    uploadMedia(ctx, deps.storage, courseKey, {
      purpose,
      filename,
      bytes: new Uint8Array(await readFile(new URL(filename, MEDIA_DIR))),
    });
  const source = await upload('video', video.videoFile);
  const poster = await upload('poster', video.posterFile);
  const captions = [];
  for (const track of video.captions) {
    const asset = await upload('captions', track.file);
    captions.push({ language: track.language, label: track.label, mediaId: asset.uuid });
  }
  return {
    type: 'video',
    title: video.title,
    source: { kind: 'upload', mediaId: source.uuid },
    captions,
    posterMediaId: poster.uuid,
    downloadable: true,
    durationSeconds: video.durationSeconds,
  };
}
