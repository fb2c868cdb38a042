import type {
  CourseMetadata,
  CourseRun,
  LoadedCourse,
  PublicInstructor,
  TreeSection,
} from '../../../modules/courses/index.ts';
import type { T } from '../../messages/index.ts';
import { MarkdownContent } from '../../views/blocks/markdown.tsx';
import { defaultMediaUrl } from '../../views/blocks/media.ts';
import { languageAttributes, pickText, type PickedText } from '../../views/course-card.tsx';
import { serializeJsonLd } from '../../views/json-ld.ts';
import type { RunEnrollmentState } from '../enroll/course-state.ts';
import { CourseFacts } from './course-facts.tsx';
import { RunList } from './course-runs.tsx';

export type CoursePageData = {
  course: LoadedCourse;
  metadata: CourseMetadata;
  sections: readonly TreeSection[];
  runs: readonly CourseRun[];
  instructors: readonly PublicInstructor[];
  now: Date;
  /** The canonical address of the page. */
  url: string;
  baseUrl: string;
  /** Enroll, continue and leave controls; personal only for signed-in viewers (never cached). */
  enrollment?: RunEnrollmentState;
};

type Props = { t: T; data: CoursePageData };

/** Text that may be in another language than the page: marked up so it is read and laid out right. */
function Localized({ t, text, as: Tag = 'span' }: { t: T; text: PickedText; as?: 'span' | 'p' | 'li' }) {
  return <Tag {...languageAttributes(text, t.locale)}>{text.text}</Tag>;
}

export function CourseView({ t, data, jsonLd }: Props & { jsonLd: Record<string, unknown> }) {
  const { metadata, course } = data;
  const title = pickText(metadata.title, t.locale) ?? { text: course.key, lang: 'en' };
  const short = pickText(metadata.shortDescription, t.locale);
  return (
    <article class="course-page">
      <p>
        <a href="/courses">{t.t('catalog.course.backToCatalog')}</a>
      </p>
      <header>
        <h1 {...languageAttributes(title, t.locale)}>{title.text}</h1>
        {course.owners.length > 1 && (
          <p>
            <span class="badge badge-joint">{t.t('catalog.card.joint')}</span>
          </p>
        )}
        {short && (
          <p class="lead" {...languageAttributes(short, t.locale)}>
            {short.text}
          </p>
        )}
        {metadata.imageMediaId && (
          <img class="course-image" src={defaultMediaUrl(metadata.imageMediaId)} alt="" width={640} />
        )}
        <Trailer t={t} metadata={metadata} />
      </header>
      <Owners t={t} data={data} />
      <Instructors t={t} data={data} />
      <section aria-labelledby="facts-heading">
        <h2 id="facts-heading">{t.t('catalog.course.facts')}</h2>
        <CourseFacts t={t} metadata={metadata} />
      </section>
      <About t={t} metadata={metadata} />
      <Learning t={t} metadata={metadata} />
      <Syllabus t={t} sections={data.sections} />
      <section aria-labelledby="runs-heading">
        <h2 id="runs-heading">{t.t('catalog.course.runs')}</h2>
        <RunList t={t} courseKey={course.key} runs={data.runs} now={data.now} enrollment={data.enrollment} />
      </section>
      <IndustryPartners t={t} metadata={metadata} />
      <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: serializeJsonLd(jsonLd) }} />
    </article>
  );
}

function Trailer({ t, metadata }: { t: T; metadata: CourseMetadata }) {
  const trailer = metadata.trailer;
  if (!trailer) return null;
  const href = trailer.kind === 'url' ? trailer.url : defaultMediaUrl(trailer.mediaId);
  return (
    <p>
      <a href={href} rel={trailer.kind === 'url' ? 'noopener' : undefined}>
        {t.t('catalog.course.trailer')}
      </a>
    </p>
  );
}

function Owners({ t, data }: Props) {
  const owners = [...data.course.owners].sort((a, b) => Number(b.role === 'lead') - Number(a.role === 'lead'));
  return (
    <section aria-labelledby="owners-heading">
      <h2 id="owners-heading">{t.t('catalog.course.institutions')}</h2>
      <ul class="cards">
        {owners.map((owner) => {
          const name = pickText(owner.name, t.locale) ?? { text: owner.key, lang: 'en' };
          return (
            <li class="card">
              <h3>
                <a href={`/institutions/${owner.key}`} {...languageAttributes(name, t.locale)}>
                  {name.text}
                </a>
              </h3>
              <p class="meta">{t.t(`catalog.course.role.${owner.role}`)}</p>
              <p class="meta">{t.countryName(owner.country)}</p>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function Instructors({ t, data }: Props) {
  if (data.instructors.length === 0) return null;
  return (
    <section aria-labelledby="instructors-heading">
      <h2 id="instructors-heading">{t.t('catalog.course.instructors')}</h2>
      <ul>
        {data.instructors.map((instructor) => {
          const institution = instructor.institution
            ? (pickText(instructor.institution.name, t.locale) ?? { text: instructor.institution.key, lang: 'en' })
            : null;
          return (
            <li>
              <strong>{instructor.name}</strong> · {t.t(`catalog.course.instructorRole.${instructor.role}`)}
              {institution && (
                <>
                  {' · '}
                  <span {...languageAttributes(institution, t.locale)}>{institution.text}</span>
                </>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function About({ t, metadata }: { t: T; metadata: CourseMetadata }) {
  const description = pickText(metadata.description, t.locale);
  if (!description) return null;
  return (
    <section aria-labelledby="about-heading">
      <h2 id="about-heading">{t.t('catalog.course.summary')}</h2>
      <div {...languageAttributes(description, t.locale)}>
        <MarkdownContent source={description.text} />
      </div>
    </section>
  );
}

function Learning({ t, metadata }: { t: T; metadata: CourseMetadata }) {
  const outcomes = metadata.outcomes.flatMap((outcome) => pickText(outcome, t.locale) ?? []);
  const skills = metadata.skills.flatMap((skill) => pickText(skill.name, t.locale) ?? []);
  const prerequisites = pickText(metadata.prerequisites, t.locale);
  return (
    <>
      {outcomes.length > 0 && (
        <section aria-labelledby="outcomes-heading">
          <h2 id="outcomes-heading">{t.t('catalog.course.outcomes')}</h2>
          <ul>
            {outcomes.map((outcome) => (
              <Localized t={t} text={outcome} as="li" />
            ))}
          </ul>
        </section>
      )}
      {skills.length > 0 && (
        <section aria-labelledby="skills-heading">
          <h2 id="skills-heading">{t.t('catalog.course.skills')}</h2>
          <ul class="stats">
            {skills.map((skill) => (
              <Localized t={t} text={skill} as="li" />
            ))}
          </ul>
        </section>
      )}
      {prerequisites && (
        <section aria-labelledby="prerequisites-heading">
          <h2 id="prerequisites-heading">{t.t('catalog.course.prerequisites')}</h2>
          <Localized t={t} text={prerequisites} as="p" />
        </section>
      )}
    </>
  );
}

function Syllabus({ t, sections }: { t: T; sections: readonly TreeSection[] }) {
  return (
    <section aria-labelledby="syllabus-heading">
      <h2 id="syllabus-heading">{t.t('catalog.course.syllabus')}</h2>
      {sections.length === 0 ? (
        <p>{t.t('catalog.course.syllabusEmpty')}</p>
      ) : (
        <ol class="syllabus">
          {sections.map((section) => (
            <li>
              <h3>{section.title}</h3>
              <p class="hint">{t.t('catalog.course.units', { count: section.units.length })}</p>
              {section.units.length > 0 && (
                <ol>
                  {section.units.map((unit) => (
                    <li>{unit.title}</li>
                  ))}
                </ol>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function IndustryPartners({ t, metadata }: { t: T; metadata: CourseMetadata }) {
  if (metadata.industryPartners.length === 0) return null;
  return (
    <section aria-labelledby="industry-heading">
      <h2 id="industry-heading">{t.t('catalog.course.industryPartners')}</h2>
      <ul>
        {metadata.industryPartners.map((partner) => (
          <li>
            <a href={partner.url} rel="noopener">
              {partner.name}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
