import type { QuizBlock, RevealPolicy } from '../courses/index.ts';

/** What a learner may see of the marking of one attempt, and why. */
export type RevealDecision = {
  policy: RevealPolicy;
  /** Per-question correctness, correct answers, feedback and explanations. */
  revealed: boolean;
  /** When they will be revealed, if that moment is known and still to come. */
  revealsAt: Date | null;
};

/**
 * The one place that decides whether the answers behind an attempt may be shown. Only a
 * submitted attempt ever reveals anything: at once ('immediately'), once the due date has passed
 * ('after_due'; a quiz without a due date never gets there), or never. The score is not covered
 * here: a submitted attempt's score is always shown.
 */
export function decideReveal(
  quiz: Pick<QuizBlock, 'reveal'>,
  attempt: { status: 'in_progress' | 'submitted' },
  dueAt: Date | null,
  now: Date,
): RevealDecision {
  const policy = quiz.reveal;
  const closed = { policy, revealed: false, revealsAt: null };
  switch (policy) {
    case 'never':
      return closed;
    case 'immediately':
      return attempt.status === 'submitted' ? { policy, revealed: true, revealsAt: null } : closed;
    case 'after_due': {
      if (dueAt === null) return closed;
      const due = now.getTime() >= dueAt.getTime();
      return { policy, revealed: due && attempt.status === 'submitted', revealsAt: due ? null : dueAt };
    }
  }
}
