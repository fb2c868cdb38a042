import type { LearnerQuizView } from '../../../modules/assessment/index.ts';
import type { T } from '../../messages/index.ts';
import { Alert } from '../../views/forms.tsx';
import { toTypedAnswers, type AnswerProblem, type TypedAnswers } from './answers-form.ts';
import { formatScore, formatUtc, formatUtcBare } from './format.ts';
import { AttemptForm } from './quiz-form.tsx';
import type { QuizPaths } from './paths.ts';

export type QuizPageProps = {
  t: T;
  view: LearnerQuizView;
  paths: QuizPaths;
  csrf: string;
  /** A fresh key per rendering: a resubmitted form then carries the key of its first submission. */
  idempotencyKey: string;
  /** Answers of a refused form, shown again instead of the saved draft. */
  typed?: TypedAnswers | undefined;
  problems?: readonly AnswerProblem[];
  notice?: 'saved' | undefined;
  now: Date;
};

export function QuizBreadcrumb({ t, paths, unit }: { t: T; paths: QuizPaths; unit: { key: string; title: string } }) {
  return (
    <nav aria-label={t.t('quiz.nav.label')} class="quiz-nav">
      <a href={paths.outline}>{t.t('quiz.nav.outline')}</a>
      {' · '}
      <a href={paths.unit(unit.key)}>{t.t('quiz.nav.unit', { unit: unit.title })}</a>
    </nav>
  );
}

/** How the quiz's reveal policy plays out, in one sentence. */
export function revealSentence(t: T, view: Pick<LearnerQuizView, 'reveal' | 'quiz'>): string {
  if (view.reveal === 'after_due' && view.quiz.dueAt === null) return t.t('quiz.reveal.after_due_none');
  return t.t(`quiz.reveal.${view.reveal}`);
}

function QuizFacts({ t, view }: { t: T; view: LearnerQuizView }) {
  const { quiz, status } = view;
  return (
    <section aria-labelledby="facts-heading" class="card quiz-facts">
      <h2 id="facts-heading">{t.t('quiz.facts.heading')}</h2>
      <dl class="facts">
        <dt>{t.t('quiz.facts.questions')}</dt>
        <dd>{t.t('quiz.facts.questionCount', { count: quiz.questionCount })}</dd>
        <dt>{t.t('quiz.facts.points')}</dt>
        <dd>{t.t('quiz.facts.pointsValue', { points: quiz.maxScore })}</dd>
        <dt>{t.t('quiz.facts.attempts')}</dt>
        <dd>
          {quiz.attemptsAllowed === null
            ? t.t('quiz.facts.attemptsUnlimited', { used: status.attemptsUsed })
            : t.t('quiz.facts.attemptsUsed', { used: status.attemptsUsed, allowed: quiz.attemptsAllowed })}
        </dd>
        <dt>{t.t('quiz.facts.due')}</dt>
        <dd>
          {quiz.dueAt ? (
            <time datetime={quiz.dueAt.toISOString()}>{formatUtc(t, quiz.dueAt)}</time>
          ) : (
            t.t('quiz.facts.noDue')
          )}
        </dd>
        <dt>{t.t('quiz.facts.counts')}</dt>
        <dd>
          {quiz.mode === 'graded'
            ? t.t('quiz.facts.graded', { type: quiz.assignmentType })
            : t.t('quiz.facts.practice')}
        </dd>
        <dt>{t.t('quiz.facts.best')}</dt>
        <dd>
          {status.bestScore === null ? t.t('quiz.facts.noBest') : formatScore(t, status.bestScore, quiz.maxScore)}
        </dd>
        <dt>{t.t('quiz.facts.reveal')}</dt>
        <dd>{revealSentence(t, view)}</dd>
      </dl>
    </section>
  );
}

function StartOrState({ t, view, paths, csrf }: { t: T; view: LearnerQuizView; paths: QuizPaths; csrf: string }) {
  if (view.window === 'not_started' && view.opensAt) {
    return <Alert kind="info">{t.t('quiz.state.notStarted', { date: formatUtcBare(t, view.opensAt) })}</Alert>;
  }
  if (view.window === 'closed') return <Alert kind="info">{t.t('quiz.state.closed')}</Alert>;
  if (!view.status.canStart) return <Alert kind="info">{t.t('quiz.state.noAttemptsLeft')}</Alert>;
  return (
    <form method="post" action={paths.start} class="quiz-start">
      <input type="hidden" name="_csrf" value={csrf} />
      <p class="hint">{t.t('quiz.start.hint')}</p>
      <button type="submit" class="button">
        {t.t('quiz.start.button', { number: view.status.attemptsUsed + 1 })}
      </button>
    </form>
  );
}

function PastAttempts({ t, view, paths }: { t: T; view: LearnerQuizView; paths: QuizPaths }) {
  if (view.attempts.length === 0) return null;
  return (
    <section aria-labelledby="past-heading">
      <h2 id="past-heading">{t.t('quiz.past.heading')}</h2>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t.t('quiz.past.attempt')}</th>
              <th scope="col">{t.t('quiz.past.submitted')}</th>
              <th scope="col">{t.t('quiz.past.score')}</th>
            </tr>
          </thead>
          <tbody>
            {view.attempts.map((attempt) => (
              <tr>
                <th scope="row">
                  <a href={paths.attempt(attempt.uuid)}>{t.t('quiz.past.view', { number: attempt.number })}</a>
                </th>
                <td>
                  <time datetime={attempt.submittedAt.toISOString()}>{formatUtcBare(t, attempt.submittedAt)}</time>
                </td>
                <td>{formatScore(t, attempt.score, attempt.maxScore)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** The quiz page: intro, then the open attempt's form or the way to start one, then past attempts. */
export function QuizPage(props: QuizPageProps) {
  const { t, view, paths, csrf } = props;
  const attempt = view.openAttempt;
  return (
    <article class="quiz-page">
      <QuizBreadcrumb t={t} paths={paths} unit={view.quiz.unit} />
      <h1>{view.quiz.title}</h1>
      {props.notice === 'saved' && <Alert kind="success">{t.t('quiz.notice.saved')}</Alert>}
      <QuizFacts t={t} view={view} />
      {attempt && view.window === 'open' ? (
        <AttemptForm
          t={t}
          attempt={attempt}
          typed={props.typed ?? toTypedAnswers(attempt.answers)}
          problems={props.problems ?? []}
          paths={paths}
          csrf={csrf}
          idempotencyKey={props.idempotencyKey}
          dueAt={view.quiz.dueAt}
          now={props.now}
        />
      ) : (
        <StartOrState t={t} view={view} paths={paths} csrf={csrf} />
      )}
      <PastAttempts t={t} view={view} paths={paths} />
    </article>
  );
}
