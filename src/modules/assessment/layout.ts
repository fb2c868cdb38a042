import { createHash } from 'node:crypto';
import type { QuizBlock } from '../courses/index.ts';

/**
 * The order one attempt shows its questions (key QUESTION_ORDER) and each question's choices
 * (keyed by question id). '#' cannot be a question id, so the keys never collide.
 */
export type AttemptLayout = Record<string, string[]>;
export const QUESTION_ORDER = '#';

/** A small deterministic generator (mulberry32) seeded from the attempt, so a layout can be rebuilt. */
function createRandom(seed: string): () => number {
  let state = createHash('sha256').update(seed).digest().readUInt32LE(0);
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const result = [...items];
  for (let index = result.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [result[index], result[other]] = [result[other]!, result[index]!];
  }
  return result;
}

/** The shuffled order of a new attempt, seeded by its uuid; empty when the quiz shuffles nothing. */
export function buildAttemptLayout(quiz: QuizBlock, seed: string): AttemptLayout {
  if (!quiz.shuffleQuestions && !quiz.shuffleChoices) return {};
  const random = createRandom(seed);
  const entries: Array<[string, string[]]> = [];
  if (quiz.shuffleQuestions) {
    entries.push([
      QUESTION_ORDER,
      shuffle(
        quiz.questions.map((question) => question.id),
        random,
      ),
    ]);
  }
  if (quiz.shuffleChoices) {
    for (const question of quiz.questions) {
      if (question.kind === 'single_choice' || question.kind === 'multiple_choice') {
        entries.push([
          question.id,
          shuffle(
            question.choices.map((choice) => choice.id),
            random,
          ),
        ]);
      }
    }
  }
  return Object.fromEntries(entries);
}

/**
 * Items in the layout's order; items the layout does not know (the run moved to a release that
 * added some) follow in their own order.
 */
export function orderByLayout<T extends { id: string }>(
  items: readonly T[],
  order: readonly string[] | undefined,
): T[] {
  if (!order) return [...items];
  const rank = new Map(order.map((id, index) => [id, index]));
  const known = items.filter((item) => rank.has(item.id)).sort((a, b) => rank.get(a.id)! - rank.get(b.id)!);
  return [...known, ...items.filter((item) => !rank.has(item.id))];
}

/** One order of a layout; own keys only, so a question id such as "constructor" finds nothing. */
export function readLayoutOrder(layout: AttemptLayout, key: string): string[] | undefined {
  return Object.hasOwn(layout, key) && Array.isArray(layout[key]) ? layout[key] : undefined;
}
