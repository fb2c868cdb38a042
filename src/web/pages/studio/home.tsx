import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  getPendingChanges,
  listMyCourses,
  listMyTeamInvitations,
  type StaffCourseSummary,
  type TeamInvitationSummary,
} from '../../../modules/courses/index.ts';
import type { Actor } from '../../../platform/access/index.ts';
import type { T } from '../../messages/index.ts';
import { sendPage } from '../../render.tsx';
import { Alert } from '../../views/forms.tsx';
import { studioCoursePath } from '../../views/studio-layout.tsx';
import { ButtonForm, formatDay } from './fields.tsx';
import { localized, noticeFrom, redirectAnonymous, serviceContext, teamRoleLabel, type Notice } from './shared.ts';

const NOTICES: Record<string, Notice> = {
  accepted: { kind: 'success', key: 'studio.notice.accepted' },
  declined: { kind: 'success', key: 'studio.notice.declined' },
  gone: { kind: 'error', key: 'studio.notice.invitationGone' },
  'not-allowed': { kind: 'error', key: 'studio.notice.invitationNotAllowed' },
};

/** Instructors and admins of an institution may start courses led by it. */
export function canStartCourses(actor: Actor | null): boolean {
  return !!actor?.memberships.some((m) => m.role === 'instructor' || m.role === 'admin');
}

type CourseRow = StaffCourseSummary & { hasChanges: boolean };

async function renderHome(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const ctx = serviceContext(request);
  const [courses, invitations] = await Promise.all([listMyCourses(ctx), listMyTeamInvitations(ctx)]);
  const rows: CourseRow[] = [];
  for (const course of courses) {
    rows.push({ ...course, hasChanges: (await getPendingChanges(ctx, course.key)).hasChanges });
  }
  const { t } = request;
  return sendPage(request, reply, {
    title: t.t('studio.home.title'),
    body: (
      <StudioHome
        t={t}
        csrf={reply.generateCsrf()}
        courses={rows}
        invitations={invitations}
        canCreate={canStartCourses(ctx.actor)}
        notice={noticeFrom(request, NOTICES)}
      />
    ),
  });
}

export async function studioHomeRoutes(app: FastifyInstance): Promise<void> {
  app.get('/studio', async (request, reply) => {
    if (redirectAnonymous(request, reply, '/studio')) return reply;
    return renderHome(request, reply);
  });
}

type HomeProps = {
  t: T;
  csrf: string;
  courses: CourseRow[];
  invitations: TeamInvitationSummary[];
  canCreate: boolean;
  notice: Notice | undefined;
};

function StudioHome({ t, csrf, courses, invitations, canCreate, notice }: HomeProps) {
  return (
    <>
      <h1>{t.t('studio.home.title')}</h1>
      <p class="lead">{t.t('studio.home.lead')}</p>
      {notice && (
        <Alert kind={notice.kind}>
          <p>{t.t(notice.key)}</p>
        </Alert>
      )}
      {canCreate && (
        <p class="actions">
          <a class="button" href="/studio/new">
            {t.t('studio.home.new')}
          </a>{' '}
          <a href="/studio/import">{t.t('studio.home.import')}</a>
        </p>
      )}
      {invitations.length > 0 && <InvitationList t={t} csrf={csrf} invitations={invitations} />}
      <section aria-labelledby="courses-heading">
        <h2 id="courses-heading">{t.t('studio.home.courses')}</h2>
        {courses.length === 0 ? <p>{t.t('studio.home.empty')}</p> : <CourseTable t={t} courses={courses} />}
      </section>
    </>
  );
}

function CourseTable({ t, courses }: { t: T; courses: CourseRow[] }) {
  return (
    <div class="table-wrap">
      <table>
        <caption class="visually-hidden">{t.t('studio.home.courses')}</caption>
        <thead>
          <tr>
            <th scope="col">{t.t('studio.home.course')}</th>
            <th scope="col">{t.t('studio.home.owners')}</th>
            <th scope="col">{t.t('studio.home.role')}</th>
            <th scope="col">{t.t('studio.home.status')}</th>
            <th scope="col">{t.t('studio.home.changes')}</th>
          </tr>
        </thead>
        <tbody>
          {courses.map((course) => (
            <tr>
              <th scope="row">
                <a href={studioCoursePath(course.key)}>{localized(course.title, t)}</a>
                <br />
                <code>{course.key}</code>
              </th>
              <td>{course.owners.map((owner) => localized(owner.name, t)).join(t.t('studio.listSeparator'))}</td>
              <td>{course.teamRole ? teamRoleLabel(t, course.teamRole) : t.t('studio.home.ownerAdmin')}</td>
              <td>
                {course.latestReleaseNumber === null
                  ? t.t('studio.home.unpublished')
                  : t.t('studio.home.published', { number: course.latestReleaseNumber })}
              </td>
              <td>{course.hasChanges ? t.t('studio.home.pending') : t.t('studio.home.upToDate')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function InvitationList({ t, csrf, invitations }: { t: T; csrf: string; invitations: TeamInvitationSummary[] }) {
  return (
    <section aria-labelledby="invitations-heading">
      <h2 id="invitations-heading">{t.t('studio.home.invitations')}</h2>
      <ul>
        {invitations.map((invitation) => (
          <li>
            <p>
              {t.t('studio.home.invitation', {
                course: localized(invitation.courseTitle, t),
                role: teamRoleLabel(t, invitation.role),
                institution: localized(invitation.institution.name, t),
                date: formatDay(t, invitation.expiresAt),
              })}
            </p>
            <p class="actions">
              <ButtonForm
                action={`/studio/invitations/${invitation.uuid}/acceptance`}
                csrf={csrf}
                label={t.t('studio.invitation.accept')}
              />
              <ButtonForm
                action={`/studio/invitations/${invitation.uuid}/refusal`}
                csrf={csrf}
                label={t.t('studio.invitation.decline')}
                danger
              />
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
