import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addBlock, addSection, addUnit, type BlockInput } from '../../../modules/courses/index.ts';
import { ROLES, createContentWorld, type ContentWorld, type Role } from './test-world.ts';

let world: ContentWorld;
const keys = { section: '', unit: '', text: '', quiz: '', question: 'q1' };
/** A section per role with a unit, a quiz and a question, for the deletions each role attempts. */
const doomed = {} as Record<Role, { section: string; unit: string; quiz: string }>;

const QUIZ: BlockInput = {
  type: 'quiz',
  title: 'Check yourself',
  questions: [
    {
      id: 'q1',
      kind: 'single_choice',
      prompt: 'Which gas?',
      choices: [
        { id: 'a', text: 'Carbon dioxide', correct: true, feedback: '' },
        { id: 'b', text: 'Argon', correct: false, feedback: '' },
      ],
    },
  ],
};

beforeAll(async () => {
  world = await createContentWorld();
  const author = world.people.author.ctx;
  const section = await addSection(author, world.key, { title: 'Week 1' });
  const unit = await addUnit(author, world.key, section.key, { title: 'Greenhouse gases' });
  const text = await addBlock(author, world.key, unit.key, { type: 'text', title: 'Welcome', body: 'Hello **world**' });
  const quiz = await addBlock(author, world.key, unit.key, QUIZ);
  Object.assign(keys, { section: section.key, unit: unit.key, text: text.key, quiz: quiz.key });
  for (const role of ROLES) {
    const extra = await addSection(author, world.key, { title: `Spare ${role}` });
    const spareUnit = await addUnit(author, world.key, extra.key, { title: `Spare unit ${role}` });
    const spareQuiz = await addBlock(author, world.key, spareUnit.key, QUIZ);
    doomed[role] = { section: extra.key, unit: spareUnit.key, quiz: spareQuiz.key };
  }
});
afterAll(() => world.close());

type Case = {
  name: string;
  method: 'GET' | 'POST';
  url: (role: Role) => string;
  form?: Record<string, string>;
  expected: Record<Role, number>;
};

const c = (rest = '') => `/studio/courses/${world.key}${rest}`;
/** Readers: everyone who may see the draft. */
const readers = (ok: number): Record<Role, number> => ({
  anonymous: 303,
  learner: 404,
  author: ok,
  assistant: ok,
  ownerAdmin: ok,
  otherAdmin: 404,
  otherTeam: 404,
  lead: ok,
});
/** Editors: authors and instructors; teaching assistants and owner admins are refused. */
const editors = (ok: number): Record<Role, number> => ({ ...readers(403), author: ok, lead: ok });
const leadOnly = (ok: number): Record<Role, number> => ({ ...readers(403), lead: ok });

const CASES: Case[] = [
  { name: 'the outline', method: 'GET', url: () => c(), expected: readers(200) },
  { name: 'the text block editor', method: 'GET', url: () => c(`/blocks/${keys.text}`), expected: readers(200) },
  { name: 'the quiz block page', method: 'GET', url: () => c(`/blocks/${keys.quiz}`), expected: readers(200) },
  {
    name: 'a question form',
    method: 'GET',
    url: () => c(`/blocks/${keys.quiz}/questions/${keys.question}`),
    expected: readers(200),
  },
  { name: 'the preview', method: 'GET', url: () => c('/preview'), expected: readers(200) },
  { name: 'a unit preview', method: 'GET', url: () => c(`/preview/units/${keys.unit}`), expected: readers(200) },
  { name: 'the history', method: 'GET', url: () => c('/history'), expected: readers(200) },
  {
    name: 'a new block form',
    method: 'GET',
    url: () => c(`/units/${keys.unit}/blocks/new?type=link`),
    expected: editors(200),
  },
  {
    name: 'a new question form',
    method: 'GET',
    url: () => c(`/blocks/${keys.quiz}/questions/new?kind=short_text`),
    expected: editors(200),
  },
  {
    name: 'a section deletion page',
    method: 'GET',
    url: () => c(`/sections/${keys.section}/deletion`),
    expected: editors(200),
  },
  { name: 'a unit deletion page', method: 'GET', url: () => c(`/units/${keys.unit}/deletion`), expected: editors(200) },
  {
    name: 'a block deletion page',
    method: 'GET',
    url: () => c(`/blocks/${keys.text}/deletion`),
    expected: editors(200),
  },
  {
    name: 'a question deletion page',
    method: 'GET',
    url: () => c(`/blocks/${keys.quiz}/questions/${keys.question}/deletion`),
    expected: editors(200),
  },
  {
    name: 'adding a section',
    method: 'POST',
    url: () => c('/sections'),
    form: { title: 'Week 2' },
    expected: editors(303),
  },
  {
    name: 'renaming a section',
    method: 'POST',
    url: () => c(`/sections/${keys.section}`),
    form: { title: 'Week one' },
    expected: editors(303),
  },
  {
    name: 'moving a section',
    method: 'POST',
    url: () => c(`/sections/${keys.section}/position`),
    form: { direction: 'down' },
    expected: editors(303),
  },
  {
    name: 'adding a unit',
    method: 'POST',
    url: () => c(`/sections/${keys.section}/units`),
    form: { title: 'Methane' },
    expected: editors(303),
  },
  {
    name: 'renaming a unit',
    method: 'POST',
    url: () => c(`/units/${keys.unit}`),
    form: { title: 'Gases' },
    expected: editors(303),
  },
  {
    name: 'moving a unit',
    method: 'POST',
    url: () => c(`/units/${keys.unit}/position`),
    form: { direction: 'up' },
    expected: editors(303),
  },
  {
    name: 'adding a link block',
    method: 'POST',
    url: () => c(`/units/${keys.unit}/blocks`),
    form: { type: 'link', title: 'IPCC', url: 'https://www.ipcc.ch/' },
    expected: editors(303),
  },
  {
    name: 'adding a discussion block',
    method: 'POST',
    url: () => c(`/units/${keys.unit}/blocks`),
    form: { type: 'discussion', title: 'Gases where you live', prompt: 'Which gas worries *you*?' },
    expected: editors(303),
  },
  {
    name: 'saving the text block',
    method: 'POST',
    url: () => c(`/blocks/${keys.text}`),
    form: { title: 'Welcome', body: 'Hello again' },
    expected: editors(303),
  },
  {
    name: 'moving a block',
    method: 'POST',
    url: () => c(`/blocks/${keys.text}/position`),
    form: { direction: 'down' },
    expected: editors(303),
  },
  {
    name: 'previewing Markdown',
    method: 'POST',
    url: () => c('/markdown-preview'),
    form: { source: '*hi*' },
    expected: editors(200),
  },
  {
    name: 'adding a question',
    method: 'POST',
    url: () => c(`/blocks/${keys.quiz}/questions`),
    form: { kind: 'numeric', prompt: 'How many?', answer: '3', tolerance: '0', points: '1' },
    expected: editors(303),
  },
  {
    name: 'saving a question',
    method: 'POST',
    url: () => c(`/blocks/${keys.quiz}/questions/${keys.question}`),
    form: { prompt: 'Which gas?', points: '2', choiceId: 'a', choiceText: 'CO2', correct: '0', choiceFeedback: '' },
    expected: editors(400),
  },
  {
    name: 'moving a question',
    method: 'POST',
    url: () => c(`/blocks/${keys.quiz}/questions/${keys.question}/position`),
    form: { direction: 'down' },
    expected: editors(303),
  },
  {
    name: 'deleting a question',
    method: 'POST',
    url: (role) => c(`/blocks/${doomed[role].quiz}/questions/q1/deletion`),
    expected: editors(303),
  },
  {
    name: 'deleting a block',
    method: 'POST',
    url: (role) => c(`/blocks/${doomed[role].quiz}/deletion`),
    expected: editors(303),
  },
  {
    name: 'deleting a unit',
    method: 'POST',
    url: (role) => c(`/units/${doomed[role].unit}/deletion`),
    expected: editors(303),
  },
  {
    name: 'deleting a section',
    method: 'POST',
    url: (role) => c(`/sections/${doomed[role].section}/deletion`),
    expected: editors(303),
  },
  { name: 'reverting without confirming', method: 'POST', url: () => c('/reversion'), expected: editors(303) },
  {
    name: 'publishing',
    method: 'POST',
    url: () => c('/releases'),
    form: { message: 'First release' },
    expected: leadOnly(303),
  },
];

describe('who may do what in the studio’s content pages', () => {
  for (const testCase of CASES) {
    for (const role of ROLES) {
      it(`${testCase.name} answers ${testCase.expected[role]} to ${role}`, async () => {
        const url = testCase.url(role);
        const response =
          testCase.method === 'GET' ? await world.get(role, url) : await world.post(role, url, testCase.form);
        expect(response.statusCode, response.body.slice(0, 300)).toBe(testCase.expected[role]);
        if (response.statusCode === 303 && role === 'anonymous') {
          expect(response.headers.location).toMatch(/^\/sign-in\?next=/);
        }
      });
    }
  }
});
