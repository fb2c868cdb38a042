import type { LearnerProgress, ProgressGroup, ProgressQuiz } from '../../../modules/assessment/index.ts';
import type { T } from '../../messages/index.ts';
import { pickText } from '../../views/course-card.tsx';
import { Breadcrumbs, ProgressMeter } from '../learn/parts.tsx';
import { quizPath, runPath } from '../learn/shared.ts';
import { BarChart } from './chart.tsx';
import { formatGrade } from './format.ts';

type Props = { t: T; progress: LearnerProgress };

function groupName(t: T, group: ProgressGroup): string {
  return group.name ?? t.t('grades.progress.allGraded');
}

function quizNote(t: T, quiz: ProgressQuiz): string {
  if (quiz.ratio === null) return t.t('grades.progress.noPoints');
  if (quiz.dropped) return t.t('grades.progress.dropped');
  if (quiz.score === null) return t.t('grades.progress.notAttempted');
  return '';
}

function Summary({ t, progress }: Props) {
  return (
    <section aria-labelledby="progress-summary">
      <h2 id="progress-summary">{t.t('grades.progress.summary')}</h2>
      <dl class="facts grade-summary">
        <dt>{t.t('grades.progress.grade')}</dt>
        <dd>
          <strong class="grade-figure">{formatGrade(t, progress.grade)}</strong>
          {progress.override !== null && (
            <span class="hint">
              {' '}
              {t.t('grades.progress.overridden', { computed: formatGrade(t, progress.computed) })}
            </span>
          )}
        </dd>
        <dt>{t.t('grades.progress.passMark')}</dt>
        <dd>{formatGrade(t, progress.passMark)}</dd>
        <dt>{t.t('grades.progress.status')}</dt>
        <dd class={progress.passed ? 'grade-passed' : undefined}>
          {progress.passedAt
            ? t.t('grades.progress.passedOn', { date: t.formatDate(progress.passedAt, { dateStyle: 'long' }) })
            : t.t('grades.progress.notPassed')}
        </dd>
        <dt>{t.t('grades.progress.completion')}</dt>
        <dd>
          <ProgressMeter
            t={t}
            id="progress-completion"
            done={progress.completion.completedBlocks}
            total={progress.completion.totalBlocks}
          />
        </dd>
      </dl>
    </section>
  );
}

function TypesTable({ t, progress }: Props) {
  return (
    <div class="table-wrap">
      <table>
        <caption>{t.t('grades.progress.typesCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t.t('grades.progress.type')}</th>
            <th scope="col">{t.t('grades.progress.weight')}</th>
            <th scope="col">{t.t('grades.progress.average')}</th>
            <th scope="col">{t.t('grades.progress.countsFor')}</th>
          </tr>
        </thead>
        <tbody>
          {progress.groups.map((group) => (
            <tr>
              <th scope="row">{groupName(t, group)}</th>
              <td>{formatGrade(t, group.weight)}</td>
              <td>{formatGrade(t, group.average)}</td>
              <td>{formatGrade(t, group.weight * group.average)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function QuizTable({ t, progress, quizzes, caption }: Props & { quizzes: ProgressQuiz[]; caption: string }) {
  const { course, run } = progress;
  return (
    <div class="table-wrap">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t.t('grades.progress.quiz')}</th>
            <th scope="col">{t.t('grades.progress.bestScore')}</th>
            <th scope="col">{t.t('grades.progress.percent')}</th>
            <th scope="col">{t.t('grades.progress.note')}</th>
          </tr>
        </thead>
        <tbody>
          {quizzes.map((quiz) => (
            <tr class={quiz.dropped ? 'grade-dropped' : undefined}>
              <th scope="row">
                <a href={quizPath(course.key, run.code, quiz.key)}>{quiz.title}</a>
              </th>
              <td>
                {quiz.score === null
                  ? '–'
                  : t.t('grades.progress.score', {
                      score: t.formatNumber(quiz.score),
                      max: t.formatNumber(quiz.maxScore),
                    })}
              </td>
              <td>{quiz.ratio === null || quiz.score === null ? '–' : formatGrade(t, quiz.ratio)}</td>
              <td>{quizNote(t, quiz)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function GroupSection({ t, progress, group, index }: Props & { group: ProgressGroup; index: number }) {
  const name = groupName(t, group);
  const headingId = `progress-type-${index}`;
  const mark = formatGrade(t, progress.passMark);
  return (
    <section aria-labelledby={headingId}>
      <h3 id={headingId}>{t.t('grades.progress.typeHeading', { name, weight: formatGrade(t, group.weight) })}</h3>
      {group.dropLowest > 0 && group.quizzes.length > 1 && (
        <p class="hint">{t.t('grades.progress.dropNote', { count: group.dropLowest })}</p>
      )}
      {group.quizzes.length === 0 ? (
        <p>{t.t('grades.progress.noQuizzes')}</p>
      ) : (
        <>
          <BarChart
            id={`chart-type-${index}`}
            title={t.t('grades.progress.quizzesChartTitle', { name })}
            description={t.t('grades.progress.quizzesChartDesc', { mark })}
            bars={group.quizzes.map((quiz) => ({
              label: quiz.title,
              value: quiz.ratio === null ? null : quiz.ratio,
              muted: quiz.dropped,
            }))}
            passMark={{ value: progress.passMark, label: t.t('grades.chart.passMark', { mark }) }}
            dir={t.dir}
            formatValue={(value) => formatGrade(t, value)}
          />
          <QuizTable
            t={t}
            progress={progress}
            quizzes={group.quizzes}
            caption={t.t('grades.progress.quizzesCaption', { name })}
          />
        </>
      )}
    </section>
  );
}

/** The learner's progress page: summary, grade by type (chart and table), each type's quizzes. */
export function ProgressView({ t, progress }: Props) {
  const { course, run } = progress;
  const title = pickText(progress.courseTitle, t.locale) ?? { text: course.key, lang: t.locale };
  const mark = formatGrade(t, progress.passMark);
  return (
    <div class="grades-page">
      <Breadcrumbs
        t={t}
        crumbs={[
          { label: t.t('learn.my.title'), href: '/learn' },
          { label: title.text, href: runPath(course.key, run.code), lang: title.lang },
          { label: t.t('grades.progress.crumb') },
        ]}
      />
      <h1>
        {t.t('grades.progress.heading')}
        <span class="subtitle" lang={title.lang}>
          {title.text}
        </span>
      </h1>
      <Summary t={t} progress={progress} />
      <section aria-labelledby="progress-types">
        <h2 id="progress-types">{t.t('grades.progress.byType')}</h2>
        <BarChart
          id="chart-types"
          title={t.t('grades.progress.typesChartTitle')}
          description={t.t('grades.progress.typesChartDesc', { mark })}
          bars={progress.groups.map((group) => ({ label: groupName(t, group), value: group.average }))}
          passMark={{ value: progress.passMark, label: t.t('grades.chart.passMark', { mark }) }}
          dir={t.dir}
          formatValue={(value) => formatGrade(t, value)}
        />
        <TypesTable t={t} progress={progress} />
        {progress.groups.map((group, index) => (
          <GroupSection t={t} progress={progress} group={group} index={index} />
        ))}
      </section>
      {progress.uncounted.length > 0 && (
        <section aria-labelledby="progress-uncounted">
          <h2 id="progress-uncounted">{t.t('grades.progress.uncounted')}</h2>
          <p class="hint">{t.t('grades.progress.uncountedHint')}</p>
          <QuizTable
            t={t}
            progress={progress}
            quizzes={progress.uncounted}
            caption={t.t('grades.progress.uncounted')}
          />
        </section>
      )}
      {progress.practice.length > 0 && (
        <section aria-labelledby="progress-practice">
          <h2 id="progress-practice">{t.t('grades.progress.practice')}</h2>
          <p class="hint">{t.t('grades.progress.practiceHint')}</p>
          <QuizTable t={t} progress={progress} quizzes={progress.practice} caption={t.t('grades.progress.practice')} />
        </section>
      )}
    </div>
  );
}
