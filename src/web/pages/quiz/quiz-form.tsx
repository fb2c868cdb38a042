import type { LearnerAttempt, LearnerQuestion } from '../../../modules/assessment/index.ts';
import type { MessageKey, T } from '../../messages/index.ts';
import { MarkdownContent } from '../../views/blocks/markdown.tsx';
import { answerField, type AnswerProblem, type TypedAnswers } from './answers-form.ts';
import { formatUtcBare } from './format.ts';
import type { QuizPaths } from './paths.ts';

const PROBLEM_MESSAGES: Record<AnswerProblem['kind'], MessageKey> = {
  number: 'quiz.error.number',
  text: 'quiz.error.text',
  answer: 'quiz.error.answer',
};

const questionDomId = (id: string) => `question-${id}`;

export function describeProblem(t: T, problem: AnswerProblem): string {
  return t.t(PROBLEM_MESSAGES[problem.kind], { number: problem.number });
}

/** The problems of a refused form, each linking to its question. */
export function AnswerProblems({ t, problems }: { t: T; problems: readonly AnswerProblem[] }) {
  if (problems.length === 0) return null;
  return (
    <div class="alert alert-error" role="alert">
      <p>{t.t('quiz.error.summary')}</p>
      <ul>
        {problems.map((problem) => (
          <li>
            <a href={`#${questionDomId(problem.questionId)}-answer`}>{describeProblem(t, problem)}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

type FormProps = {
  t: T;
  attempt: LearnerAttempt;
  typed: TypedAnswers;
  problems: readonly AnswerProblem[];
  paths: QuizPaths;
  csrf: string;
  idempotencyKey: string;
  dueAt: Date | null;
  /** The server's time, so the island can tell how far the browser's clock is off. */
  now: Date;
};

/**
 * The open attempt as a plain form: "Save answers" and "Submit" both work without JavaScript;
 * the autosave island only saves the same fields in the background.
 */
export function AttemptForm({ t, attempt, typed, problems, paths, csrf, idempotencyKey, dueAt, now }: FormProps) {
  return (
    <section aria-labelledby="attempt-heading" class="quiz-attempt">
      <h2 id="attempt-heading">{t.t('quiz.attempt.heading', { number: attempt.number })}</h2>
      <p class="hint">
        {t.t('quiz.attempt.started', { date: formatUtcBare(t, attempt.startedAt) })}{' '}
        {attempt.savedAt && t.t('quiz.attempt.saved', { date: formatUtcBare(t, attempt.savedAt) })}
      </p>
      <AnswerProblems t={t} problems={problems} />
      <form
        method="post"
        action={paths.submit}
        id="quiz-form"
        class="quiz-form"
        data-island="quiz-autosave"
        data-save-url={paths.saveApi(attempt.uuid)}
        data-due-at={dueAt ? dueAt.toISOString() : undefined}
        data-server-now={now.toISOString()}
        data-text-saving={t.t('quiz.autosave.saving')}
        data-text-saved={t.t('quiz.autosave.saved')}
        data-text-offline={t.t('quiz.autosave.offline')}
        data-text-failed={t.t('quiz.autosave.failed')}
        data-text-stopped={t.t('quiz.autosave.stopped')}
      >
        <input type="hidden" name="_csrf" value={csrf} />
        <input type="hidden" name="attemptId" value={attempt.uuid} />
        <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
        <ol class="quiz-questions">
          {attempt.questions.map((question, index) => (
            <li>
              <QuestionFields
                t={t}
                question={question}
                number={index + 1}
                value={Object.hasOwn(typed, question.id) ? typed[question.id] : undefined}
                problem={problems.find((problem) => problem.questionId === question.id)}
              />
            </li>
          ))}
        </ol>
        <p class="quiz-autosave-status" role="status" aria-live="polite" data-autosave-status></p>
        <div class="quiz-actions">
          <button type="submit" class="button button-secondary" formaction={paths.save} name="intent" value="save">
            {t.t('quiz.save.button')}
          </button>
          <button type="submit" class="button" name="intent" value="submit" aria-describedby="submit-hint">
            {t.t('quiz.submit.button')}
          </button>
        </div>
        <p class="hint" id="submit-hint">
          {t.t('quiz.submit.hint')}
        </p>
      </form>
    </section>
  );
}

type QuestionProps = {
  t: T;
  question: LearnerQuestion;
  number: number;
  value: string[] | string | undefined;
  problem: AnswerProblem | undefined;
};

function QuestionFields({ t, question, number, value, problem }: QuestionProps) {
  const id = questionDomId(question.id);
  return (
    <fieldset
      class="quiz-question"
      id={id}
      data-question={question.id}
      data-kind={question.kind}
      aria-describedby={`${id}-points`}
    >
      <legend>
        {t.t('blocks.quiz.question', { number })}{' '}
        <span class="hint" id={`${id}-points`}>
          ({t.t('blocks.quiz.points', { points: question.points })})
        </span>
      </legend>
      <MarkdownContent source={question.prompt} />
      <AnswerInput t={t} question={question} id={id} value={value} problem={problem} />
    </fieldset>
  );
}

function AnswerInput({ t, question, id, value, problem }: Omit<QuestionProps, 'number'> & { id: string }) {
  const name = answerField(question.id);
  const errorId = `${id}-error`;
  const error = problem && (
    <span class="field-error" id={errorId}>
      {describeProblem(t, problem)}
    </span>
  );
  if (question.kind === 'single_choice' || question.kind === 'multiple_choice') {
    const type = question.kind === 'single_choice' ? 'radio' : 'checkbox';
    const chosen = Array.isArray(value) ? value : [];
    return (
      <>
        <p class="hint">{t.t(type === 'radio' ? 'blocks.quiz.chooseOne' : 'blocks.quiz.chooseMany')}</p>
        {error}
        <ul class="quiz-choices">
          {question.choices.map((choice, index) => (
            <li>
              <label>
                <input
                  type={type}
                  name={name}
                  value={choice.id}
                  id={index === 0 ? `${id}-answer` : undefined}
                  checked={chosen.includes(choice.id)}
                />{' '}
                {choice.text}
              </label>
            </li>
          ))}
        </ul>
      </>
    );
  }
  const numeric = question.kind === 'numeric';
  const hintId = `${id}-hint`;
  return (
    <p class="field">
      <label for={`${id}-answer`}>{t.t('blocks.quiz.answer')}</label>
      {numeric && (
        <span class="hint" id={hintId}>
          {t.t('quiz.answer.numberHint')}
        </span>
      )}
      <input
        id={`${id}-answer`}
        name={name}
        type="text"
        inputMode={numeric ? 'decimal' : undefined}
        dir={numeric ? 'ltr' : undefined}
        maxLength={1000}
        autocomplete="off"
        value={typeof value === 'string' ? value : ''}
        aria-invalid={problem ? 'true' : undefined}
        aria-describedby={[numeric ? hintId : '', problem ? errorId : ''].filter(Boolean).join(' ') || undefined}
      />
      {error}
    </p>
  );
}
