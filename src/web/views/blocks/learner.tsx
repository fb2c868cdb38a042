import type { QuizStatus } from '../../../modules/assessment/index.ts';
import type { LearnerBlock, LearnerQuizBlock } from '../../../modules/courseware/index.ts';
import type { Transcript } from '../../../modules/courses/index.ts';
import type { T } from '../../messages/index.ts';
import { DiscussionBlockView, type DiscussionLinks } from './discussion.tsx';
import { FileBlockView } from './file.tsx';
import { LearnerVideoView } from './learner-video.tsx';
import { LinkBlockView } from './link.tsx';
import { MarkdownContent } from './markdown.tsx';
import { defaultMediaUrl, type MediaUrl } from './media.ts';

export type QuizCardLink = { href: string; status: QuizStatus | null };

export type LearnerBlockViewProps = {
  t: T;
  block: LearnerBlock;
  mediaUrl?: MediaUrl;
  transcripts?: readonly Transcript[];
  dataSaver: boolean;
  /** The player island's report address; null where nothing is recorded (preview, closed run). */
  progressUrl: string | null;
  /** The no-script "mark as complete" form; null when the block is complete or cannot be marked. */
  completeForm: { action: string; csrfToken: string } | null;
  /** For a quiz: its page and, for an enrolled learner, where they stand with it. */
  quiz?: QuizCardLink;
  /** For a discussion: its topic in the run's forum; without it the block says where the threads will be. */
  discussion?: DiscussionLinks;
};

/** One block of a unit as a learner meets it, under its title with its completion mark. */
export function LearnerBlockView(props: LearnerBlockViewProps) {
  const { t, block, completeForm } = props;
  const headingId = `block-${block.key}`;
  return (
    <section class={`block block-${block.type}`} aria-labelledby={headingId}>
      <h2 id={headingId}>
        {block.title}
        {block.completion && (
          <span class="completion-mark">
            {' '}
            <span aria-hidden="true">✓</span>
            <span class="visually-hidden">{t.t('learn.block.completed')}</span>
          </span>
        )}
      </h2>
      <LearnerBlockBody {...props} />
      {completeForm && (
        <form method="post" action={completeForm.action} class="mark-complete" data-completion-form>
          <input type="hidden" name="_csrf" value={completeForm.csrfToken} />
          <button type="submit" class="button-secondary button-small">
            {t.t('learn.block.markComplete')}
          </button>
        </form>
      )}
    </section>
  );
}

function LearnerBlockBody({ t, block, mediaUrl = defaultMediaUrl, transcripts = [], ...rest }: LearnerBlockViewProps) {
  switch (block.type) {
    case 'text':
      return <MarkdownContent source={block.body} />;
    case 'link':
      return <LinkBlockView t={t} block={{ ...block, type: 'link' }} />;
    case 'discussion':
      return <DiscussionBlockView t={t} prompt={block.prompt} links={rest.discussion ?? null} />;
    case 'file':
      return <FileBlockView t={t} block={{ ...block, type: 'file' }} mediaUrl={mediaUrl} />;
    case 'video':
      return (
        <LearnerVideoView
          t={t}
          block={block}
          mediaUrl={mediaUrl}
          transcripts={transcripts}
          progressUrl={rest.progressUrl}
          dataSaver={rest.dataSaver}
        />
      );
    case 'quiz':
      return <QuizCard t={t} block={block} link={rest.quiz ?? null} />;
  }
}

function formatScore(t: T, score: number): string {
  return t.formatNumber(score, { maximumFractionDigits: 2 });
}

function QuizStatusFacts({ t, status }: { t: T; status: QuizStatus }) {
  return (
    <dl class="facts quiz-status">
      <dt>{t.t('learn.quiz.attemptsLabel')}</dt>
      <dd>
        {status.attemptsAllowed === null
          ? t.t('learn.quiz.attemptsUnlimited', { used: status.attemptsUsed })
          : t.t('learn.quiz.attempts', { used: status.attemptsUsed, allowed: status.attemptsAllowed })}
      </dd>
      <dt>{t.t('learn.quiz.bestLabel')}</dt>
      <dd>
        {status.bestScore === null
          ? t.t('learn.quiz.notAttempted')
          : t.t('learn.quiz.best', { score: formatScore(t, status.bestScore), max: formatScore(t, status.maxScore) })}
      </dd>
      {status.dueAt && (
        <>
          <dt>{t.t('learn.quiz.dueLabel')}</dt>
          <dd>
            <time dateTime={status.dueAt.toISOString()}>
              {t.formatDate(status.dueAt, { dateStyle: 'medium', timeStyle: 'short' })}
            </time>
          </dd>
        </>
      )}
    </dl>
  );
}

/** A quiz announced in its unit: what it is, where the learner stands, and the way to its page. */
export function QuizCard({ t, block, link }: { t: T; block: LearnerQuizBlock; link: QuizCardLink | null }) {
  const status = link?.status ?? null;
  return (
    <div class="quiz-card">
      <p class="hint">
        {block.mode === 'practice'
          ? t.t('learn.quiz.practice')
          : t.t('learn.quiz.graded', { type: block.assignmentType })}
        {' · '}
        {t.t('learn.quiz.questions', { count: block.questionCount })}
        {' · '}
        {t.t('learn.quiz.points', { points: block.points })}
      </p>
      {status && <QuizStatusFacts t={t} status={status} />}
      {link && (
        <p>
          <a class="button" href={link.href}>
            {status?.hasOpenAttempt
              ? t.t('learn.quiz.continue', { title: block.title })
              : t.t('learn.quiz.open', { title: block.title })}
          </a>
        </p>
      )}
    </div>
  );
}
