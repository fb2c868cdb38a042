import type { ProgramCourseProgress, ProgramProgress } from '../../../modules/credentials/index.ts';
import type { MessageKey, T } from '../../messages/index.ts';
import { languageAttributes } from '../../views/course-card.tsx';
import { Alert } from '../../views/forms.tsx';
import { PROGRAMS_PATH, claimPath, coursePath, credentialPath } from './paths.ts';
import {
  describeAwarders,
  describeRule,
  type AwardingInstitution,
  type ProgramCourse,
  type ProgramSummary,
} from './present.ts';

/** Everything a program's page shows, decided before it renders. */
export type ProgramPageState = {
  program: ProgramSummary;
  courses: ProgramCourse[];
  /** The signed-in viewer's way through the program; null for anonymous visitors. */
  progress: ProgramProgress | null;
  csrf: string;
  signInHref: string;
  notice?: 'created' | undefined;
  /** The viewer asked for the certificate before earning it. */
  claimRefused?: boolean;
};

const STATUS_TEXT: Record<ProgramCourseProgress['status'], MessageKey> = {
  passed: 'programs.status.passed',
  enrolled: 'programs.status.enrolled',
  not_started: 'programs.status.not_started',
};

function CourseItem({ t, course, progress }: { t: T; course: ProgramCourse; progress?: ProgramCourseProgress }) {
  const title = <span {...languageAttributes(course.title, t.locale)}>{course.title.text || course.key}</span>;
  return (
    <li>
      {course.published ? <a href={coursePath(course.key)}>{title}</a> : title}
      {progress && (
        <>
          {' '}
          <span class="badge">{t.t(STATUS_TEXT[progress.status])}</span>
          {progress.credentialUuid && (
            <>
              {' '}
              <a href={credentialPath(progress.credentialUuid)}>
                {t.t('programs.status.certificate')}
                <span class="visually-hidden">
                  : <span {...languageAttributes(course.title, t.locale)}>{course.title.text}</span>
                </span>
              </a>
            </>
          )}
        </>
      )}
    </li>
  );
}

function Institution({ t, institution, lead }: { t: T; institution: AwardingInstitution; lead: boolean }) {
  const name = lead ? t.t('programs.page.leadRole', { name: institution.name }) : institution.name;
  return <li>{institution.listed ? <a href={`/institutions/${institution.key}`}>{name}</a> : name}</li>;
}

/** Where the learner stands, the certificate once issued, or the form that issues an earned one. */
function Progress({ t, state, progress }: { t: T; state: ProgramPageState; progress: ProgramProgress }) {
  const counted = Math.min(progress.passed, progress.required);
  return (
    <section aria-labelledby="program-progress">
      <h2 id="program-progress">{t.t('programs.progress.title')}</h2>
      <p class="progress-meter">
        <progress max={progress.required} value={counted} aria-labelledby="program-progress-text">
          {counted}/{progress.required}
        </progress>{' '}
        <span id="program-progress-text">
          {t.t('programs.progress.count', { passed: counted, required: progress.required })}
        </span>
      </p>
      {state.claimRefused && (
        <Alert kind="error">
          <p>{t.t('programs.claim.incomplete')}</p>
        </Alert>
      )}
      {progress.credentialUuid ? (
        <p>
          {t.t('programs.progress.earned')}{' '}
          <a class="button button-primary" href={credentialPath(progress.credentialUuid)}>
            {t.t('programs.progress.viewCredential')}
          </a>
        </p>
      ) : (
        progress.complete && (
          <form method="post" action={claimPath(state.program.key)} class="inline-form">
            <p>{t.t('programs.claim.text')}</p>
            <input type="hidden" name="_csrf" value={state.csrf} />
            <button type="submit" class="button button-primary">
              {t.t('programs.claim.submit')}
            </button>
          </form>
        )
      )}
    </section>
  );
}

/** A program's public page; a signed-in learner also sees their progress through it. */
export function ProgramView({ t, state }: { t: T; state: ProgramPageState }) {
  const { program, progress } = state;
  const byCourse = new Map(progress?.courses.map((course) => [course.courseId, course]));
  const description = program.description;
  return (
    <article>
      {state.notice === 'created' && (
        <Alert kind="success">
          <p>{t.t('programs.notice.created')}</p>
        </Alert>
      )}
      <p class="meta">{t.t('programs.page.kicker')}</p>
      <h1 {...languageAttributes(program.title, t.locale)}>{program.title.text}</h1>
      <p class="lead">{describeAwarders(t, program)}</p>
      {description &&
        description.text
          .split(/\n\s*\n/)
          .map((paragraph) => <p {...languageAttributes(description, t.locale)}>{paragraph.trim()}</p>)}
      {progress ? (
        <Progress t={t} state={state} progress={progress} />
      ) : (
        <p>
          <a href={state.signInHref}>{t.t('programs.page.signIn')}</a>
        </p>
      )}
      <section aria-labelledby="program-courses">
        <h2 id="program-courses">{t.t('programs.page.courses')}</h2>
        <p>{describeRule(t, program)}</p>
        <ol>
          {state.courses.map((course) => (
            <CourseItem t={t} course={course} progress={byCourse.get(course.id)} />
          ))}
        </ol>
      </section>
      <section aria-labelledby="program-institutions">
        <h2 id="program-institutions">{t.t('programs.page.institutions')}</h2>
        <ul>
          {program.lead && <Institution t={t} institution={program.lead} lead />}
          {program.partners.map((partner) => (
            <Institution t={t} institution={partner} lead={false} />
          ))}
        </ul>
      </section>
      <p>
        <a href={PROGRAMS_PATH}>{t.t('programs.page.back')}</a>
      </p>
    </article>
  );
}
