import {
  REVEAL_POLICIES,
  type Block,
  type BlockInput,
  type BlockType,
  type MediaAsset,
  type QuizBlock,
  type RevealPolicy,
} from '../../../modules/courses/index.ts';
import { isChecked, readField, readList, type FieldErrors } from './shared.ts';

/** One caption row of the video form; rows left empty are dropped on save. */
export type CaptionRow = { language: string; label: string; mediaId: string };

/** What a block form shows: every field as typed, so a failed save gives it all back. */
export type BlockValues = { type: BlockType; fields: Record<string, string>; captions: CaptionRow[] };

export const EMPTY_CAPTION_ROWS = 2;

export function emptyBlockValues(type: BlockType): BlockValues {
  const fields: Record<string, string> = {
    title: '',
    sourceKind: 'url',
    mode: 'graded',
    assignmentType: 'Homework',
    attemptsAllowed: '1',
    dueAfterDays: '',
    reveal: 'immediately',
  };
  return { type, fields, captions: [] };
}

export function blockValuesOf(block: Block): BlockValues {
  const common = { title: block.title };
  switch (block.type) {
    case 'text':
      return { type: 'text', fields: { ...common, body: block.body }, captions: [] };
    case 'link':
      return { type: 'link', fields: { ...common, url: block.url, description: block.description }, captions: [] };
    case 'discussion':
      return { type: 'discussion', fields: { ...common, prompt: block.prompt }, captions: [] };
    case 'file':
      return {
        type: 'file',
        fields: { ...common, mediaId: block.mediaId, description: block.description },
        captions: [],
      };
    case 'video':
      return {
        type: 'video',
        fields: {
          ...common,
          sourceKind: block.source.kind,
          sourceUrl: block.source.kind === 'url' ? block.source.url : '',
          sourceMedia: block.source.kind === 'upload' ? block.source.mediaId : '',
          posterMediaId: block.posterMediaId ?? '',
          downloadable: block.downloadable ? 'yes' : '',
          durationSeconds: block.durationSeconds === null ? '' : String(block.durationSeconds),
        },
        captions: block.captions.map((caption) => ({ ...caption })),
      };
    case 'quiz':
      return {
        type: 'quiz',
        fields: {
          ...common,
          mode: block.mode,
          assignmentType: block.assignmentType,
          attemptsAllowed: block.attemptsAllowed === null ? '' : String(block.attemptsAllowed),
          shuffleQuestions: block.shuffleQuestions ? 'yes' : '',
          shuffleChoices: block.shuffleChoices ? 'yes' : '',
          dueAfterDays: block.dueAfterDays === null ? '' : String(block.dueAfterDays),
          reveal: block.reveal,
        },
        captions: [],
      };
  }
}

/** The longest discussion prompt the block schema allows. */
const MAX_DISCUSSION_PROMPT = 5000;

/** A whole number typed into a form, or null when empty; anything else is an error. */
export function readWholeNumber(text: string): number | null | 'invalid' {
  if (text === '') return null;
  return /^\d{1,9}$/.test(text) ? Number(text) : 'invalid';
}

function readCaptions(body: unknown): CaptionRow[] {
  const languages = readList(body, 'captionLanguage');
  const labels = readList(body, 'captionLabel');
  const media = readList(body, 'captionMedia');
  const rows: CaptionRow[] = [];
  for (let index = 0; index < Math.max(languages.length, media.length); index += 1) {
    const row = {
      language: (languages[index] ?? '').trim(),
      label: (labels[index] ?? '').trim(),
      mediaId: (media[index] ?? '').trim(),
    };
    if (row.language || row.mediaId || row.label) rows.push(row);
  }
  return rows;
}

/**
 * Reads a block form into what it shows and what the service receives. Problems the service
 * cannot see (a number that is not one) come back as field errors; the rest the service checks.
 */
export function readBlockForm(
  type: BlockType,
  body: unknown,
  current: Block | null,
): { values: BlockValues; input: BlockInput; errors: FieldErrors } {
  const field = (name: string) => readField(body, name);
  const title = field('title');
  const errors: FieldErrors = {};
  switch (type) {
    case 'text': {
      const text = readField(body, 'body', false);
      return {
        values: { type, fields: { title, body: text }, captions: [] },
        input: { type, title, body: text },
        errors,
      };
    }
    case 'link': {
      const fields = { title, url: field('url'), description: readField(body, 'description', false) };
      return { values: { type, fields, captions: [] }, input: { type, ...fields }, errors };
    }
    case 'discussion': {
      const fields = { title, prompt: readField(body, 'prompt', false) };
      // The service would say "prompt" too, which the quiz forms read as a question's missing text.
      if (fields.prompt.length > MAX_DISCUSSION_PROMPT) errors.prompt = 'studioContent.error.discussionPrompt';
      return { values: { type, fields, captions: [] }, input: { type, ...fields }, errors };
    }
    case 'file': {
      const fields = { title, mediaId: field('mediaId'), description: readField(body, 'description', false) };
      return { values: { type, fields, captions: [] }, input: { type, ...fields }, errors };
    }
    case 'video':
      return readVideoForm(body, title);
    case 'quiz':
      return readQuizSettings(body, title, current?.type === 'quiz' ? current : null);
  }
}

function readVideoForm(body: unknown, title: string) {
  const field = (name: string) => readField(body, name);
  const fields = {
    title,
    sourceKind: field('sourceKind') === 'upload' ? 'upload' : 'url',
    sourceUrl: field('sourceUrl'),
    sourceMedia: field('sourceMedia'),
    posterMediaId: field('posterMediaId'),
    downloadable: isChecked(body, 'downloadable') ? 'yes' : '',
    durationSeconds: field('durationSeconds'),
  };
  const captions = readCaptions(body);
  const errors: FieldErrors = {};
  const duration = readWholeNumber(fields.durationSeconds);
  if (duration === 'invalid') errors.durationSeconds = 'studioContent.error.duration';
  const input: BlockInput = {
    type: 'video',
    title,
    source:
      fields.sourceKind === 'upload'
        ? { kind: 'upload', mediaId: fields.sourceMedia }
        : { kind: 'url', url: fields.sourceUrl },
    captions,
    posterMediaId: fields.posterMediaId || null,
    downloadable: fields.downloadable === 'yes',
    durationSeconds: duration === 'invalid' ? null : duration,
  };
  return { values: { type: 'video' as const, fields, captions }, input, errors };
}

/** The longest a quiz may stay open after its start date, as the block schema allows. */
const MAX_DUE_AFTER_DAYS = 3650;

function readReveal(value: string): RevealPolicy {
  return (REVEAL_POLICIES as readonly string[]).includes(value) ? (value as RevealPolicy) : 'immediately';
}

function readQuizSettings(body: unknown, title: string, current: QuizBlock | null) {
  const field = (name: string) => readField(body, name);
  const fields = {
    title,
    mode: field('mode') === 'practice' ? 'practice' : 'graded',
    assignmentType: field('assignmentType'),
    attemptsAllowed: field('attemptsAllowed'),
    shuffleQuestions: isChecked(body, 'shuffleQuestions') ? 'yes' : '',
    shuffleChoices: isChecked(body, 'shuffleChoices') ? 'yes' : '',
    dueAfterDays: field('dueAfterDays'),
    reveal: readReveal(field('reveal')),
  };
  const errors: FieldErrors = {};
  const attempts = readWholeNumber(fields.attemptsAllowed);
  if (attempts === 'invalid') errors.attemptsAllowed = 'studioContent.error.attempts';
  const dueAfterDays = readWholeNumber(fields.dueAfterDays);
  const dueInvalid = dueAfterDays === 'invalid' || (dueAfterDays !== null && dueAfterDays > MAX_DUE_AFTER_DAYS);
  if (dueInvalid) errors.dueAfterDays = 'studioContent.error.dueAfterDays';
  const input: BlockInput = {
    type: 'quiz',
    title,
    mode: fields.mode as 'graded' | 'practice',
    assignmentType: fields.assignmentType,
    attemptsAllowed: attempts === 'invalid' ? null : attempts,
    shuffleQuestions: fields.shuffleQuestions === 'yes',
    shuffleChoices: fields.shuffleChoices === 'yes',
    dueAfterDays: dueInvalid ? null : (dueAfterDays as number | null),
    reveal: fields.reveal,
    questions: current?.questions ?? [],
  };
  return { values: { type: 'quiz' as const, fields, captions: [] }, input, errors };
}

/** The course's uploads that fit a field, by purpose. */
export function mediaOptions(media: MediaAsset[], purposes: MediaAsset['purpose'][]) {
  return media
    .filter((asset) => purposes.includes(asset.purpose))
    .map((asset) => ({ value: asset.uuid, label: asset.filename }));
}
