import type {
  CorrectAnswer,
  LearnerAttempt,
  LearnerQuestion,
  Receipt,
  RevealedResult,
  StoredAnswers,
} from '../../../modules/assessment/index.ts';
import type { T } from '../../messages/index.ts';
import { MarkdownContent } from '../../views/blocks/markdown.tsx';
import { Alert } from '../../views/forms.tsx';
import { formatScore, formatUtc, formatUtcBare } from './format.ts';
import type { QuizPaths } from './paths.ts';
import { QuizBreadcrumb } from './quiz-view.tsx';

export type AttemptPageProps = {
  t: T;
  attempt: LearnerAttempt;
  quizTitle: string;
  unit: { key: string; title: string };
  paths: QuizPaths;
};

function choiceTexts(question: LearnerQuestion, ids: readonly string[]): string[] {
  return question.choices.filter((choice) => ids.includes(choice.id)).map((choice) => choice.text);
}

function AnswerText({
  t,
  question,
  answer,
}: {
  t: T;
  question: LearnerQuestion;
  answer: StoredAnswers[string] | undefined;
}) {
  if (answer === undefined) return <>{t.t('quiz.result.noAnswer')}</>;
  if (Array.isArray(answer)) return <>{choiceTexts(question, answer).join('; ')}</>;
  return <bdi dir={typeof answer === 'number' ? 'ltr' : undefined}>{String(answer)}</bdi>;
}

function RightAnswer({ t, question, answer }: { t: T; question: LearnerQuestion; answer: CorrectAnswer }) {
  switch (answer.kind) {
    case 'choices':
      return (
        <p>
          <strong>{t.t('quiz.result.rightAnswer')}:</strong> {choiceTexts(question, answer.choiceIds).join('; ')}
        </p>
      );
    case 'number':
      return (
        <p>
          <strong>{t.t('quiz.result.rightAnswer')}:</strong>{' '}
          <bdi dir="ltr">
            {t.t('quiz.result.numberAnswer', { value: String(answer.value), tolerance: String(answer.tolerance) })}
          </bdi>
        </p>
      );
    case 'text':
      return (
        <div>
          <p>
            <strong>{t.t('quiz.result.acceptedAnswers')}:</strong>
          </p>
          <ul>
            {answer.acceptedAnswers.map((text) => (
              <li>{text}</li>
            ))}
          </ul>
        </div>
      );
  }
}

function Marking({ t, question, result }: { t: T; question: LearnerQuestion; result: RevealedResult }) {
  return (
    <div class={result.correct ? 'quiz-marking quiz-marking-right' : 'quiz-marking quiz-marking-wrong'}>
      <p>
        <strong>{t.t(result.correct ? 'quiz.result.correct' : 'quiz.result.incorrect')}</strong>
        {' · '}
        {t.t('quiz.result.points', { points: result.points, max: result.maxPoints })}
      </p>
      <RightAnswer t={t} question={question} answer={result.correctAnswer} />
      {result.feedback.length > 0 && (
        <div>
          <p>
            <strong>{t.t('quiz.result.feedback')}:</strong>
          </p>
          {result.feedback.map((text) => (
            <MarkdownContent source={text} />
          ))}
        </div>
      )}
      {result.explanation.trim() !== '' && (
        <div>
          <p>
            <strong>{t.t('quiz.result.explanation')}:</strong>
          </p>
          <MarkdownContent source={result.explanation} />
        </div>
      )}
    </div>
  );
}

function HiddenMarking({ t, attempt }: { t: T; attempt: LearnerAttempt }) {
  const { revealsAt } = attempt.reveal;
  return (
    <Alert kind="info">
      <p>
        {revealsAt
          ? t.t('quiz.result.hidden.after_due', { date: formatUtcBare(t, revealsAt) })
          : t.t('quiz.result.hidden.never')}
      </p>
    </Alert>
  );
}

function ReceiptCard({ t, receipt }: { t: T; receipt: Receipt }) {
  const receivedAt = new Date(receipt.receivedAt);
  return (
    <section aria-labelledby="receipt-heading" class="card quiz-receipt">
      <h2 id="receipt-heading">{t.t('quiz.receipt.heading')}</h2>
      <p>{t.t('quiz.receipt.intro')}</p>
      <dl class="facts">
        <dt>{t.t('quiz.receipt.id')}</dt>
        <dd>
          <code>{receipt.submissionId}</code>
        </dd>
        <dt>{t.t('quiz.receipt.time')}</dt>
        <dd>
          <time datetime={receipt.receivedAt}>{formatUtc(t, receivedAt)}</time> (<code>{receipt.receivedAt}</code>)
        </dd>
        <dt>{t.t('quiz.receipt.hash')}</dt>
        <dd>
          <code class="quiz-hash">{receipt.answersSha256}</code>
        </dd>
      </dl>
    </section>
  );
}

/** A submitted attempt: the score, the marking when the reveal policy allows it, and the receipt. */
export function AttemptPage({ t, attempt, quizTitle, unit, paths }: AttemptPageProps) {
  const results = new Map((attempt.results ?? []).map((result) => [result.questionId, result]));
  return (
    <article class="quiz-page">
      <QuizBreadcrumb t={t} paths={paths} unit={unit} />
      <h1>{t.t('quiz.result.title', { number: attempt.number, title: quizTitle })}</h1>
      <section aria-labelledby="score-heading" class="card quiz-score">
        <h2 id="score-heading">{t.t('quiz.result.score')}</h2>
        <p class="quiz-score-value">{formatScore(t, attempt.score ?? 0, attempt.maxScore ?? 0)}</p>
      </section>
      {!attempt.reveal.revealed && <HiddenMarking t={t} attempt={attempt} />}
      <section aria-labelledby="answers-heading">
        <h2 id="answers-heading">{t.t('quiz.result.answers')}</h2>
        <ol class="quiz-questions">
          {attempt.questions.map((question, index) => {
            const result = results.get(question.id);
            const answer = Object.hasOwn(attempt.answers, question.id) ? attempt.answers[question.id] : undefined;
            return (
              <li class="quiz-question">
                <h3>
                  {t.t('blocks.quiz.question', { number: index + 1 })}{' '}
                  <span class="hint">({t.t('blocks.quiz.points', { points: question.points })})</span>
                </h3>
                <MarkdownContent source={question.prompt} />
                <p>
                  <strong>{t.t('quiz.result.yourAnswer')}:</strong>{' '}
                  <AnswerText t={t} question={question} answer={answer} />
                </p>
                {result && <Marking t={t} question={question} result={result} />}
              </li>
            );
          })}
        </ol>
      </section>
      {attempt.receipt && <ReceiptCard t={t} receipt={attempt.receipt} />}
      <p>
        <a href={paths.quiz}>{t.t('quiz.result.back')}</a>
      </p>
    </article>
  );
}
