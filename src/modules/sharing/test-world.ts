import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import type { ServiceContext } from '../../platform/access/index.ts';
import { createLocalStorage, type ObjectStorage } from '../../platform/storage/index.ts';
import {
  addBlock,
  addSection,
  addUnit,
  updateCourseMetadata,
  uploadMedia,
  type CourseMetadataInput,
} from '../courses/index.ts';
import type { Manifest } from './manifest.ts';

/** Files of every purpose, real enough for the type checks and the image resizer. */
export async function buildMediaBytes() {
  const png = await sharp({ create: { width: 8, height: 6, channels: 3, background: '#3366cc' } })
    .png()
    .toBuffer();
  const mp4 = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypmp42'), Buffer.alloc(64, 1)]);
  return {
    png,
    mp4,
    vtt: Buffer.from('WEBVTT\n\n00:00.000 --> 00:01.000\nHello\n'),
    pdf: Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n'),
  };
}

export async function createTempStorage(): Promise<{ storage: ObjectStorage; dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'orbis-packages-'));
  return { storage: createLocalStorage(dir), dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** How many objects the storage holds (sidecar files of the local driver not counted). */
export async function countStoredObjects(dir: string): Promise<number> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile() && !entry.name.endsWith('.meta.json')).length;
}

/** Fills a course with one block of every type, every question kind and media of every purpose. */
export async function fillCourse(ctx: ServiceContext, storage: ObjectStorage, courseKey: string): Promise<void> {
  const bytes = await buildMediaBytes();
  const upload = (purpose: 'image' | 'video' | 'captions' | 'poster' | 'file', filename: string, data: Uint8Array) =>
    uploadMedia(ctx, storage, courseKey, { purpose, filename, bytes: data });
  const image = await upload('image', 'Cover image.png', bytes.png);
  const trailer = await upload('video', 'trailer.mp4', bytes.mp4);
  const lecture = await upload('video', 'lecture.mp4', bytes.mp4);
  const captions = await upload('captions', 'lecture.en.vtt', bytes.vtt);
  const poster = await upload('poster', 'poster.png', bytes.png);
  const notes = await upload('file', 'Notes (week 1).pdf', bytes.pdf);
  const metadata: CourseMetadataInput = {
    title: { en: 'Climate Data 101', ar: 'بيانات المناخ' },
    shortDescription: { en: 'Data about the climate.' },
    languages: ['en', 'ar'],
    subjects: ['natural_sciences'],
    level: 'intermediate',
    outcomes: [{ en: 'Read a climate chart' }],
    effort: { hoursPerWeek: 3, weeks: 6 },
    ectsCredits: 2.5,
    licence: 'CC-BY-SA-4.0',
    imageMediaId: image.uuid,
    trailer: { kind: 'upload', mediaId: trailer.uuid },
    industryPartners: [{ name: 'Met Office', url: 'https://example.org/met' }],
  };
  await updateCourseMetadata(ctx, courseKey, metadata);
  const week1 = await addSection(ctx, courseKey, { title: 'Week 1' });
  const intro = await addUnit(ctx, courseKey, week1.key, { title: 'Introduction' });
  await addBlock(ctx, courseKey, intro.key, { type: 'text', title: 'Welcome', body: '# Hello\n\nWelcome **all**.' });
  await addBlock(ctx, courseKey, intro.key, {
    type: 'video',
    title: 'Lecture 1',
    source: { kind: 'upload', mediaId: lecture.uuid },
    captions: [{ language: 'en', label: 'English', mediaId: captions.uuid }],
    posterMediaId: poster.uuid,
    downloadable: true,
    durationSeconds: 600,
  });
  await addBlock(ctx, courseKey, intro.key, {
    type: 'video',
    title: 'Elsewhere',
    source: { kind: 'url', url: 'https://video.example.org/1' },
  });
  await addBlock(ctx, courseKey, intro.key, {
    type: 'file',
    title: 'Notes',
    mediaId: notes.uuid,
    description: 'Read before week 2.',
  });
  const week2 = await addSection(ctx, courseKey, { title: 'Week 2' });
  const practice = await addUnit(ctx, courseKey, week2.key, { title: 'Practice' });
  await addBlock(ctx, courseKey, practice.key, { type: 'link', title: 'Data portal', url: 'https://data.example.org' });
  await addBlock(ctx, courseKey, practice.key, {
    type: 'discussion',
    title: 'Data where you live',
    prompt: 'Which **open data** does your city publish?',
  });
  await addBlock(ctx, courseKey, practice.key, {
    type: 'quiz',
    title: 'Check yourself',
    mode: 'graded',
    attemptsAllowed: 3,
    shuffleChoices: true,
    questions: [
      {
        id: 'q1',
        kind: 'single_choice',
        prompt: 'Warmest year?',
        choices: [
          { id: 'a', text: '2023', correct: true },
          { id: 'b', text: '1990', correct: false },
        ],
      },
      {
        id: 'q2',
        kind: 'multiple_choice',
        prompt: 'Greenhouse gases?',
        choices: [
          { id: 'a', text: 'CO2', correct: true },
          { id: 'b', text: 'CH4', correct: true },
          { id: 'c', text: 'Ar', correct: false },
        ],
      },
      { id: 'q3', kind: 'numeric', prompt: 'Degrees of warming?', answer: 1.2, tolerance: 0.1 },
      { id: 'q4', kind: 'short_text', prompt: 'Name the agreement.', acceptedAnswers: ['Paris'] },
    ],
  });
  await addUnit(ctx, courseKey, week2.key, { title: 'Empty unit' });
}

/**
 * A manifest with what must differ between two exports of equal content blanked out: the time,
 * the source course, entity keys (new ones are made on import) and media ids (mapped by order).
 */
/** The manifest without what must differ between two exports: time, source ids, media ids; keys too unless kept. */
export function normaliseManifest(manifest: Manifest, options: { keepKeys?: boolean } = {}): unknown {
  const mediaIds = new Map(manifest.media.map((entry, index) => [entry.uuid, `media-${index}`]));
  let text = JSON.stringify({
    ...manifest,
    exportedAt: null,
    source: { ...manifest.source, courseKey: null, courseUuid: null },
    sections: options.keepKeys
      ? manifest.sections
      : manifest.sections.map((section) => ({
          ...section,
          key: null,
          units: section.units.map((unit) => ({
            ...unit,
            key: null,
            blocks: unit.blocks.map((block) => ({ ...block, key: null })),
          })),
        })),
    media: manifest.media.map((entry) => ({ ...entry, path: entry.path.split('/').pop() })),
  });
  for (const [id, stand] of mediaIds) text = text.replaceAll(id, stand);
  return JSON.parse(text);
}
