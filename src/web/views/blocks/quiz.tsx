import type { Question, QuizBlock } from '../../../modules/courses/index.ts';
import type { T } from '../../messages/index.ts';
import { MarkdownContent } from './markdown.tsx';

/**
 * A quiz as a learner meets it before answering. Only prompts, choice texts and points are read
 * from the block: correct flags, accepted answers, feedback and explanations never reach the page.
 */
export function QuizBlockView({ t, block, disabled }: { t: T; block: QuizBlock; disabled: boolean }) {
  return (
    <div class="block-quiz">
      <p class="hint">
        {block.mode === 'practice'
          ? t.t('blocks.quiz.practice')
          : t.t('blocks.quiz.graded', { type: block.assignmentType })}
        {' · '}
        {block.attemptsAllowed === null
          ? t.t('blocks.quiz.unlimitedAttempts')
          : t.t('blocks.quiz.attempts', { count: block.attemptsAllowed })}
      </p>
      {block.questions.length === 0 ? (
        <p>{t.t('blocks.quiz.empty')}</p>
      ) : (
        <ol class="quiz-questions">
          {block.questions.map((question, index) => (
            <li>
              <QuestionView t={t} question={question} number={index + 1} disabled={disabled} />
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

function QuestionView({
  t,
  question,
  number,
  disabled,
}: {
  t: T;
  question: Question;
  number: number;
  disabled: boolean;
}) {
  const name = `answers.${question.id}`;
  const id = `question-${question.id}`;
  return (
    <fieldset class="quiz-question" disabled={disabled} aria-describedby={`${id}-points`}>
      <legend>
        {t.t('blocks.quiz.question', { number })}{' '}
        <span class="hint" id={`${id}-points`}>
          ({t.t('blocks.quiz.points', { points: question.points })})
        </span>
      </legend>
      <MarkdownContent source={question.prompt} />
      <AnswerInput t={t} question={question} name={name} id={id} />
    </fieldset>
  );
}

function AnswerInput({ t, question, name, id }: { t: T; question: Question; name: string; id: string }) {
  switch (question.kind) {
    case 'single_choice':
    case 'multiple_choice': {
      const type = question.kind === 'single_choice' ? 'radio' : 'checkbox';
      return (
        <>
          <p class="hint">{t.t(type === 'radio' ? 'blocks.quiz.chooseOne' : 'blocks.quiz.chooseMany')}</p>
          <ul class="quiz-choices">
            {question.choices.map((choice) => (
              <li>
                <label>
                  <input type={type} name={name} value={choice.id} /> {choice.text}
                </label>
              </li>
            ))}
          </ul>
        </>
      );
    }
    case 'numeric':
      return (
        <p class="field">
          <label for={`${id}-answer`}>{t.t('blocks.quiz.answer')}</label>
          <input id={`${id}-answer`} name={name} type="text" inputMode="decimal" dir="ltr" />
        </p>
      );
    case 'short_text':
      return (
        <p class="field">
          <label for={`${id}-answer`}>{t.t('blocks.quiz.answer')}</label>
          <input id={`${id}-answer`} name={name} type="text" />
        </p>
      );
  }
}
