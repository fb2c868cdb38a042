import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import { createLocalStorage, type ObjectStorage } from '../../platform/storage/index.ts';
import {
  addBlock,
  addSection,
  addUnit,
  publishCourse,
  readTranscripts,
  uploadMedia,
  type VideoBlock,
} from './index.ts';
import { createCourseTestHelpers, type CourseCast } from './test-helpers.ts';

let handle: DatabaseHandle;
let storage: ObjectStorage;
let directory: string;
let cast: CourseCast;
let block: VideoBlock;

const media = (name: string) => fs.readFileSync(path.join('src/server/demo-media', name));

beforeAll(async () => {
  handle = await createTestDatabase();
  directory = fs.mkdtempSync(path.join(os.tmpdir(), 'orbis-transcripts-'));
  storage = createLocalStorage(directory);
  cast = await createCourseTestHelpers(handle.db).buildCourseWithTeam();
  const { ctx } = cast.leadInstructor;
  const key = cast.course.key;
  const video = await uploadMedia(ctx, storage, key, {
    purpose: 'video',
    filename: 'welcome.mp4',
    bytes: media('welcome.mp4'),
  });
  const english = await uploadMedia(ctx, storage, key, {
    purpose: 'captions',
    filename: 'en.vtt',
    bytes: media('welcome.en.vtt'),
  });
  const chinese = await uploadMedia(ctx, storage, key, {
    purpose: 'captions',
    filename: 'zh.vtt',
    bytes: media('welcome.zh-Hans.vtt'),
  });
  const section = await addSection(ctx, key, { title: 'Week 1' });
  const unit = await addUnit(ctx, key, section.key, { title: 'Welcome' });
  const added = await addBlock(ctx, key, unit.key, {
    type: 'video',
    title: 'Welcome',
    source: { kind: 'upload', mediaId: video.uuid },
    captions: [
      { language: 'en', label: 'English', mediaId: english.uuid },
      { language: 'zh-Hans', label: '中文', mediaId: chinese.uuid },
    ],
  });
  block = added.block as VideoBlock;
});
afterAll(async () => {
  await handle.close();
  fs.rmSync(directory, { recursive: true, force: true });
});

describe('transcripts of a video', () => {
  it('come from its captions, one per language, for the course team', async () => {
    const transcripts = await readTranscripts(cast.author.ctx, storage, block);
    expect(transcripts.map((transcript) => transcript.language)).toEqual(['en', 'zh-Hans']);
    expect(transcripts[0]?.cues[0]?.text).toBe('Welcome to Climate Data for Sustainable Cities.');
  });

  it('stay private like the captions until a release uses them', async () => {
    expect(await readTranscripts(cast.anonymous, storage, block)).toEqual([]);
    await publishCourse(cast.leadInstructor.ctx, cast.course.key, { message: 'First edition' });
    expect(await readTranscripts(cast.anonymous, storage, block)).toHaveLength(2);
  });
});

describe('caption uploads', () => {
  it('refuse a WebVTT file without a single cue', async () => {
    await expect(
      uploadMedia(cast.leadInstructor.ctx, storage, cast.course.key, {
        purpose: 'captions',
        filename: 'empty.vtt',
        bytes: Buffer.from('WEBVTT\n\nNOTE nothing timed here\n'),
      }),
    ).rejects.toMatchObject({ code: 'media.invalid_captions' });
  });
});
