import { createHash } from 'node:crypto';
import type { StoredAnswers } from './schema.ts';

/** What a learner keeps as proof of a submission; the same attempt always gives the same receipt. */
export type Receipt = {
  /** The attempt's uuid. */
  submissionId: string;
  /** The quiz block's uuid. */
  quizId: string;
  attemptNumber: number;
  /** When the server received the submission, ISO 8601 in UTC. */
  receivedAt: string;
  /** SHA-256 (hex) of the canonical JSON of the stored answers. */
  answersSha256: string;
};

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    const source = value as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(source)
        .sort()
        .map((key) => [key, sortKeys(source[key])]),
    );
  }
  return value;
}

/** JSON with object keys sorted by code unit at every depth, and no spaces: one text per value. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

/** Anyone holding the stored answers can recompute this and compare it with their receipt. */
export function hashAnswers(answers: StoredAnswers): string {
  return createHash('sha256').update(canonicalJson(answers), 'utf8').digest('hex');
}

export function buildReceipt(attempt: {
  uuid: string;
  number: number;
  submittedAt: Date;
  answersSha256: string;
  quizUuid: string;
}): Receipt {
  return {
    submissionId: attempt.uuid,
    quizId: attempt.quizUuid,
    attemptNumber: attempt.number,
    receivedAt: attempt.submittedAt.toISOString(),
    answersSha256: attempt.answersSha256,
  };
}
