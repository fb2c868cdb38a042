import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addBlock,
  addSection,
  addUnit,
  getDraftTree,
  getPublishedTree,
  type QuizBlock,
} from '../../../modules/courses/index.ts';
import { createContentWorld, type ContentWorld } from './test-world.ts';

let world: ContentWorld;
let unitKey = '';
let quizKey = '';
const c = (rest = ''): string => `/studio/courses/${world.key}${rest}`;

beforeAll(async () => {
  world = await createContentWorld();
  const author = world.people.author.ctx;
  const section = await addSection(author, world.key, { title: 'Week 1' });
  const unit = await addUnit(author, world.key, section.key, { title: 'Oceans' });
  unitKey = unit.key;
  const quiz = await addBlock(author, world.key, unit.key, {
    type: 'quiz',
    title: 'Ocean quiz',
    questions: [
      {
        id: 'q1',
        kind: 'single_choice',
        prompt: 'Which ocean is largest?',
        explanation: 'CANARY-EXPLANATION',
        choices: [
          { id: 'a', text: 'Pacific', correct: true, feedback: 'CANARY-FEEDBACK-RIGHT' },
          { id: 'b', text: 'Atlantic', correct: false, feedback: 'CANARY-FEEDBACK-WRONG' },
        ],
      },
      { id: 'q2', kind: 'numeric', prompt: 'Depth?', answer: 987654.25, tolerance: 0.5 },
      { id: 'q3', kind: 'short_text', prompt: 'Name it', acceptedAnswers: ['CANARY-ACCEPTED'] },
    ],
  });
  quizKey = quiz.key;
});
afterAll(() => world.close());

async function quizOf(): Promise<QuizBlock> {
  const tree = await getDraftTree(world.people.author.ctx, world.key);
  const block = tree.sections
    .flatMap((s) => s.units)
    .flatMap((u) => u.blocks)
    .find((b) => b.key === quizKey);
  if (block?.block.type !== 'quiz') throw new Error('quiz missing');
  return block.block;
}

describe('forms with mistakes', () => {
  it('re-renders the outline with the error when a section has no title', async () => {
    const response = await world.post('author', c('/sections'), { title: '' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Enter a title of at most 200 characters.');
    expect(response.body).toContain('aria-invalid="true"');
  });

  it('keeps what was typed when a link has no valid address', async () => {
    const response = await world.post('author', c(`/units/${unitKey}/blocks`), {
      type: 'link',
      title: 'Typed title',
      url: 'ftp://nope',
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Typed title');
    expect(response.body).toContain('Enter an address starting with http:// or https://.');
  });

  it('refuses points that are not a number', async () => {
    const response = await world.post('author', c(`/blocks/${quizKey}/questions`), {
      kind: 'numeric',
      prompt: 'x',
      answer: '1',
      points: 'many',
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Points must be a number');
  });

  it('shows a Markdown preview without saving when Preview is pressed', async () => {
    const response = await world.post('author', c(`/units/${unitKey}/blocks`), {
      type: 'text',
      title: 'Draft',
      body: '**bold** <script>alert(1)</script>',
      intent: 'preview',
    });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<strong>bold</strong>');
    expect(response.body).not.toContain('<script>alert');
  });
});

describe('the question forms', () => {
  const forms: Record<string, Record<string, string | string[]>> = {
    single_choice: {
      prompt: 'Pick one',
      points: '2',
      explanation: 'Because.',
      choiceId: ['', '', ''],
      choiceText: ['Yes', 'No', ''],
      choiceFeedback: ['Right', 'Wrong', ''],
      correct: '1',
    },
    multiple_choice: {
      prompt: 'Pick some',
      points: '1.5',
      explanation: '',
      choiceId: ['', '', ''],
      choiceText: ['A', 'B', 'C'],
      choiceFeedback: ['', '', ''],
      correct: ['0', '2'],
    },
    numeric: { prompt: 'How far?', points: '1', explanation: '', answer: '-12.5', tolerance: '0,25' },
    short_text: {
      prompt: 'Capital of Kenya?',
      points: '1',
      explanation: '',
      acceptedAnswers: 'Nairobi\nnairobi city',
      caseSensitive: 'yes',
      ignoreAccents: 'yes',
    },
  };

  for (const [kind, form] of Object.entries(forms)) {
    it(`round-trips a ${kind} question through its form`, async () => {
      const created = await world.post('author', c(`/blocks/${quizKey}/questions`), { kind, ...form });
      expect(created.statusCode, created.body.slice(0, 500)).toBe(303);
      const address = String(created.headers.location).split('?')[0]!;
      const stored = (await quizOf()).questions.at(-1)!;
      expect(stored.kind).toBe(kind);
      const page = await world.get('author', address);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain(String(form.prompt));
      // Saving the form exactly as the page shows it must not change the question.
      const shown = readForm(page.body);
      const saved = await world.post('author', address, shown);
      expect(saved.statusCode, saved.body.slice(0, 500)).toBe(303);
      expect((await quizOf()).questions.find((q) => q.id === stored.id)).toEqual(stored);
    });
  }

  it('stores the kind-specific fields', async () => {
    const questions = (await quizOf()).questions;
    const numeric = questions.findLast((q) => q.kind === 'numeric');
    expect(numeric).toMatchObject({ answer: -12.5, tolerance: 0.25 });
    const short = questions.findLast((q) => q.kind === 'short_text');
    expect(short).toMatchObject({
      acceptedAnswers: ['Nairobi', 'nairobi city'],
      normalisation: { caseSensitive: true, ignoreWhitespace: false, ignoreAccents: true },
    });
    const multiple = questions.findLast((q) => q.kind === 'multiple_choice');
    expect(multiple?.kind === 'multiple_choice' && multiple.choices.map((choice) => choice.correct)).toEqual([
      true,
      false,
      true,
    ]);
  });
});

describe('the discussion block form', () => {
  async function discussionOf(key: string) {
    const tree = await getDraftTree(world.people.author.ctx, world.key);
    return tree.sections
      .flatMap((s) => s.units)
      .flatMap((u) => u.blocks)
      .find((b) => b.key === key)?.block;
  }

  it('is offered in the outline and opens with a title and a prompt, without scripts', async () => {
    const outline = await world.get('author', c());
    expect(outline.body).toContain('<option value="discussion">Discussion</option>');
    const page = await world.get('author', c(`/units/${unitKey}/blocks/new?type=discussion`));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<input type="hidden" name="type" value="discussion"/>');
    expect(page.body).toMatch(/<label for="block-title"[^>]*>Title/);
    expect(page.body).toMatch(/<label for="block-prompt"[^>]*>Prompt/);
    expect(page.body).toContain('<textarea id="block-prompt" name="prompt"');
  });

  it('creates, shows and saves a discussion block, its form round-tripping unchanged', async () => {
    const created = await world.post('author', c(`/units/${unitKey}/blocks`), {
      type: 'discussion',
      title: 'Seas near you',
      prompt: 'Which **coast** do you know best?\n\n- Share a photo.',
    });
    expect(created.statusCode, created.body.slice(0, 500)).toBe(303);
    const address = String(created.headers.location).split('?')[0]!;
    const key = address.split('/').at(-1)!;
    expect(await discussionOf(key)).toEqual({
      type: 'discussion',
      title: 'Seas near you',
      prompt: 'Which **coast** do you know best?\n\n- Share a photo.',
    });
    const page = await world.get('author', address);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h2>Discussion: Seas near you</h2>');
    expect(page.body).toContain('Which **coast** do you know best?');
    const shown = readForm(page.body);
    const saved = await world.post('author', address, shown);
    expect(saved.statusCode, saved.body.slice(0, 500)).toBe(303);
    expect(await discussionOf(key)).toEqual({
      type: 'discussion',
      title: 'Seas near you',
      prompt: 'Which **coast** do you know best?\n\n- Share a photo.',
    });
    const edited = await world.post('author', address, { title: 'Coasts near you', prompt: '' });
    expect(edited.statusCode).toBe(303);
    expect(await discussionOf(key)).toEqual({ type: 'discussion', title: 'Coasts near you', prompt: '' });
    const outline = await world.get('author', c());
    expect(outline.body).toMatch(/<span class="badge">Discussion<\/span>/);
  });

  it('keeps what was typed when the prompt is too long', async () => {
    const response = await world.post('author', c(`/units/${unitKey}/blocks`), {
      type: 'discussion',
      title: 'Typed discussion',
      prompt: 'x'.repeat(5001),
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Typed discussion');
    expect(response.body).toContain('The prompt may have at most 5000 characters.');
    expect(response.body).toContain('href="#block-prompt"');
  });

  it('shows the prompt in the draft preview, where no forum exists yet', async () => {
    await world.post('author', c(`/units/${unitKey}/blocks`), {
      type: 'discussion',
      title: 'Preview talk',
      prompt: 'Tell us *one* thing.',
    });
    const response = await world.get('author', c(`/preview/units/${unitKey}`));
    expect(response.body).toContain('<h3>Preview talk</h3>');
    expect(response.body).toContain('Tell us <em>one</em> thing.');
    expect(response.body).toContain('Learners see links here to this block’s threads in the run’s forum.');
    expect(response.body).not.toContain('/forum');
  });
});

describe('the preview', () => {
  it('never prints correct answers, feedback or explanations', async () => {
    const response = await world.get('author', c(`/preview/units/${unitKey}`));
    expect(response.statusCode).toBe(200);
    expect(response.headers['x-robots-tag']).toContain('noindex');
    expect(response.body).toContain('Preview of the draft');
    expect(response.body).toContain('Which ocean is largest?');
    expect(response.body).toContain('Pacific');
    for (const canary of ['CANARY', '987654', 'Because.', 'Right', 'nairobi city']) {
      expect(response.body).not.toContain(canary);
    }
    expect(response.body).not.toMatch(/<input[^>]*checked/);
  });
});

describe('publishing', () => {
  it('keeps draft edits away from learners until the lead instructor publishes', async () => {
    expect(await getPublishedTree(world.ctx.platform.db, world.key)).toBeNull();
    const published = await world.post('lead', c('/releases'), { message: 'Launch' });
    expect(published.statusCode).toBe(303);
    const section = await addSection(world.people.author.ctx, world.key, { title: 'UNPUBLISHED-SECTION' });
    const tree = await getPublishedTree(world.ctx.platform.db, world.key);
    expect(tree?.sections.map((s) => s.title)).not.toContain('UNPUBLISHED-SECTION');
    const releasedBlocks = tree?.sections.flatMap((s) => s.units).flatMap((u) => u.blocks) ?? [];
    expect(releasedBlocks.find((b) => b.block.title === 'Preview talk')?.block).toEqual({
      type: 'discussion',
      title: 'Preview talk',
      prompt: 'Tell us *one* thing.',
    });
    const outline = await world.get('author', c());
    expect(outline.body).toContain('Changes not yet published');
    const history = await world.get('ownerAdmin', c('/history'));
    expect(history.body).toContain('Release 1');
    expect(history.body).toContain('Launch');
    const reverted = await world.post('author', c('/reversion'), { confirm: 'yes' });
    expect(reverted.statusCode).toBe(303);
    const draft = await getDraftTree(world.people.author.ctx, world.key);
    expect(draft.sections.map((s) => s.key)).not.toContain(section.key);
  });

  it('says so when there is nothing to publish', async () => {
    const response = await world.post('lead', c('/releases'), { message: '' });
    expect(response.headers.location).toContain('notice=nothing-to-publish');
  });
});

/** The fields a browser would submit from the question form as rendered. */
function readForm(html: string): Record<string, string[]> {
  const form = html.slice(html.indexOf('<form method="post"', html.indexOf('<main')));
  const fields: Record<string, string[]> = {};
  const add = (name: string, value: string) => (fields[name] ??= []).push(decode(value));
  for (const match of form.matchAll(/<input([^>]*)>/g)) {
    const attrs = match[1]!;
    const name = /name="([^"]+)"/.exec(attrs)?.[1];
    if (!name || name === '_csrf') continue;
    const value = /value="([^"]*)"/.exec(attrs)?.[1] ?? '';
    if (/type="(checkbox|radio)"/.test(attrs) && !/checked/.test(attrs)) continue;
    add(name, value);
  }
  for (const match of form.matchAll(/<textarea[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/textarea>/g)) {
    add(match[1]!, match[2]!);
  }
  return fields;
}

function decode(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}
