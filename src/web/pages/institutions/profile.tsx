import type { FastifyInstance } from 'fastify';
import {
  canManageInstitution,
  isPublicStatus,
  localize,
  type Institution,
} from '../../../modules/institutions/index.ts';
import {
  computeWorkloadHours,
  countInstitutionCourses,
  listInstitutionCourses,
  type CourseListing,
} from '../../../modules/courses/index.ts';
import type { T } from '../../messages/index.ts';
import { sendPage } from '../../render.tsx';
import { CourseCard, type CourseCardData } from '../../views/course-card.tsx';
import { Monogram } from './directory.tsx';
import { Alert } from '../../views/forms.tsx';
import { formatDay, loadVisibleInstitution, nameOf, readField, regionLabel, statusLabel, typeLabel } from './shared.ts';

/** Enough to show what an institution teaches without making its page heavy on a slow link. */
const COURSES_ON_PROFILE = 12;

export async function profileRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Params: { key: string } }>('/institutions/:key', async (request, reply) => {
    const institution = await loadVisibleInstitution(request, request.params.key);
    const { t } = request;
    const canManage = canManageInstitution(request.viewer?.actor ?? null, institution.id);
    const welcome = readField(request.query, 'welcome') === '1';
    // A profile shows the newest few; the catalog, filtered to the institution, has them all.
    const [courses, total] = await Promise.all([
      listInstitutionCourses(app.platform.db, institution.id, { limit: COURSES_ON_PROFILE }),
      countInstitutionCourses(app.platform.db, institution.id),
    ]);
    return sendPage(request, reply, {
      title: nameOf(institution, t),
      body: (
        <ProfileView
          t={t}
          institution={institution}
          canManage={canManage}
          welcome={welcome}
          courses={{ items: courses, total }}
        />
      ),
    });
  });
}

type ProfileProps = {
  t: T;
  institution: Institution;
  canManage: boolean;
  welcome: boolean;
  courses: { items: CourseListing[]; total: number };
};

function ProfileView({ t, institution, canManage, welcome, courses }: ProfileProps) {
  const name = nameOf(institution, t);
  const description = localize(institution.description, t.locale);
  return (
    <article>
      {welcome && (
        <Alert kind="success">
          <p>{t.t('institutions.profile.welcome', { institution: name })}</p>
        </Alert>
      )}
      <header>
        {institution.logoUrl ? (
          <img src={institution.logoUrl} alt={t.t('institutions.profile.logoAlt', { name })} height={64} />
        ) : (
          <Monogram institution={institution} />
        )}
        <h1>{name}</h1>
        {institution.shortName !== name && <p class="lead">{institution.shortName}</p>}
        {institution.membershipStatus === 'founding_member' && (
          <p>
            <span class="badge badge-founding">{statusLabel(t, 'founding_member')}</span>
          </p>
        )}
        {!isPublicStatus(institution.membershipStatus) && <p class="alert">{t.t('institutions.profile.notListed')}</p>}
      </header>
      {description && (
        <section aria-labelledby="about-heading">
          <h2 id="about-heading">{t.t('institutions.profile.about')}</h2>
          <p>{description}</p>
        </section>
      )}
      <section aria-labelledby="facts-heading">
        <h2 id="facts-heading">{t.t('institutions.profile.facts')}</h2>
        <Facts t={t} institution={institution} />
      </section>
      <Courses t={t} institutionKey={institution.key} courses={courses} />
      {canManage && (
        <p class="actions">
          <a class="button" href={`/institutions/${institution.key}/manage`}>
            {t.t('institutions.profile.manage')}
          </a>
        </p>
      )}
    </article>
  );
}

function toCardData(listing: CourseListing): CourseCardData {
  return {
    key: listing.key,
    title: listing.title,
    owners: listing.owners,
    level: listing.metadata.level,
    languages: listing.metadata.languages,
    workloadHours: computeWorkloadHours(listing.metadata.effort),
  };
}

/** Published courses the institution leads or takes part in; joint ones carry the mark on their card. */
function Courses({
  t,
  institutionKey,
  courses,
}: {
  t: T;
  institutionKey: string;
  courses: { items: CourseListing[]; total: number };
}) {
  return (
    <section aria-labelledby="courses-heading">
      <h2 id="courses-heading">{t.t('catalog.institution.courses')}</h2>
      {courses.items.length === 0 ? (
        <p>{t.t('catalog.institution.noCourses')}</p>
      ) : (
        <ul class="cards">
          {courses.items.map((listing) => (
            <CourseCard t={t} course={toCardData(listing)} />
          ))}
        </ul>
      )}
      {courses.total > courses.items.length && (
        <p>
          <a href={`/courses?institution=${encodeURIComponent(institutionKey)}`}>
            {t.t('catalog.institution.allCourses', { count: courses.total })}
          </a>
        </p>
      )}
    </section>
  );
}

function Facts({ t, institution }: { t: T; institution: Institution }) {
  return (
    <dl class="facts">
      <dt>{t.t('institutions.profile.type')}</dt>
      <dd>{typeLabel(t, institution.type)}</dd>
      <dt>{t.t('institutions.profile.country')}</dt>
      <dd>{t.countryName(institution.country)}</dd>
      {institution.region && (
        <>
          <dt>{t.t('institutions.profile.region')}</dt>
          <dd>{regionLabel(t, institution.region)}</dd>
        </>
      )}
      {institution.city && (
        <>
          <dt>{t.t('institutions.profile.city')}</dt>
          <dd>{institution.city}</dd>
        </>
      )}
      {institution.website && (
        <>
          <dt>{t.t('institutions.profile.website')}</dt>
          <dd>
            <a href={institution.website} rel="noopener" dir="ltr">
              {institution.website.replace(/^https:\/\//, '').replace(/\/$/, '')}
            </a>
          </dd>
        </>
      )}
      <dt>{t.t('institutions.profile.status')}</dt>
      <dd>{statusLabel(t, institution.membershipStatus)}</dd>
      {institution.joinedOn && (
        <>
          <dt>{t.t('institutions.profile.joined')}</dt>
          <dd>{formatDay(t, institution.joinedOn)}</dd>
        </>
      )}
    </dl>
  );
}
