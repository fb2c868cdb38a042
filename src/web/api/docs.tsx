import type { FastifyInstance } from 'fastify';
import { Fragment } from 'preact';
import type { MessageKey, T } from '../messages/index.ts';
import { sendPage } from '../render.tsx';
import { readOpenApiDocument } from './openapi.ts';
import { groupOperationsByTag, type FieldRow, type OperationEntry, type TagSection } from './reference.ts';

const AUTH_LABELS: Record<OperationEntry['authentication'], MessageKey> = {
  required: 'api.docs.auth.required',
  optional: 'api.docs.auth.optional',
  session: 'api.docs.auth.session',
};

function tagTitle(t: T, name: string): string {
  const key = `api.docs.tag.${name}` as MessageKey;
  const title = t.t(key);
  return title === key ? name : title;
}

function anchorOf(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-');
}

function locationLabel(t: T, location: string | undefined): string {
  if (location === 'path') return t.t('api.docs.location.path');
  if (location === 'query') return t.t('api.docs.location.query');
  return location ?? '';
}

function FieldTable({
  t,
  rows,
  caption,
  withLocation,
}: {
  t: T;
  rows: FieldRow[];
  caption: string;
  withLocation: boolean;
}) {
  return (
    <div class="table-wrap">
      <table>
        <caption class="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t.t(withLocation ? 'api.docs.column.name' : 'api.docs.column.field')}</th>
            {withLocation && <th scope="col">{t.t('api.docs.column.location')}</th>}
            <th scope="col">{t.t('api.docs.column.type')}</th>
            <th scope="col">{t.t('api.docs.column.required')}</th>
            <th scope="col">{t.t('api.docs.column.description')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={`${row.location ?? ''}-${row.name}`}>
              <th scope="row">
                <code>{row.name}</code>
              </th>
              {withLocation && <td>{locationLabel(t, row.location)}</td>}
              <td>{row.type}</td>
              <td>{t.t(row.required ? 'api.docs.yes' : 'api.docs.no')}</td>
              <td>{row.description}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Operation({ t, operation }: { t: T; operation: OperationEntry }) {
  const title = `${operation.method} ${operation.path}`;
  return (
    <section class="api-operation" id={operation.operationId} aria-labelledby={`${operation.operationId}-title`}>
      <h3 id={`${operation.operationId}-title`}>
        <code>{title}</code>
      </h3>
      <p>{operation.summary}</p>
      {operation.description && <p class="hint">{operation.description}</p>}
      <dl class="facts">
        <dt>{t.t('api.docs.operationId')}</dt>
        <dd>
          <code>{operation.operationId}</code>
        </dd>
        <dt>{t.t('api.docs.authentication')}</dt>
        <dd>{t.t(AUTH_LABELS[operation.authentication])}</dd>
      </dl>
      {operation.parameters.length > 0 && (
        <>
          <h4>{t.t('api.docs.parameters')}</h4>
          <FieldTable
            t={t}
            rows={operation.parameters}
            caption={`${title}: ${t.t('api.docs.parameters')}`}
            withLocation
          />
        </>
      )}
      {operation.body.length > 0 && (
        <>
          <h4>{t.t('api.docs.requestBody')}</h4>
          <FieldTable
            t={t}
            rows={operation.body}
            caption={`${title}: ${t.t('api.docs.requestBody')}`}
            withLocation={false}
          />
        </>
      )}
      <h4>{t.t('api.docs.responses')}</h4>
      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">{`${title}: ${t.t('api.docs.responses')}`}</caption>
          <thead>
            <tr>
              <th scope="col">{t.t('api.docs.column.status')}</th>
              <th scope="col">{t.t('api.docs.column.content')}</th>
              <th scope="col">{t.t('api.docs.column.description')}</th>
            </tr>
          </thead>
          <tbody>
            {operation.responses.map((response) => (
              <tr key={response.status}>
                <th scope="row">{response.status}</th>
                <td>{response.mediaType ? `${response.mediaType}: ${response.type}` : '—'}</td>
                <td>{response.description}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {operation.responses
        .filter((response) => response.fields.length > 0)
        .map((response) => (
          <Fragment key={response.status}>
            <h4>{t.t('api.docs.responseFields', { status: response.status })}</h4>
            <FieldTable
              t={t}
              rows={response.fields}
              caption={`${title}: ${t.t('api.docs.responseFields', { status: response.status })}`}
              withLocation={false}
            />
          </Fragment>
        ))}
    </section>
  );
}

function ReferenceBody({ t, sections, baseUrl }: { t: T; sections: TagSection[]; baseUrl: string }) {
  const example = `curl -H "Authorization: Bearer orb_…" ${baseUrl}/api/v1/me`;
  return (
    <article class="api-reference">
      <h1>{t.t('api.docs.title')}</h1>
      <p class="lead">{t.t('api.docs.lead')}</p>
      <p>
        <a href="/api/openapi.json">{t.t('api.docs.openapiLink')}</a>
      </p>
      <nav aria-labelledby="api-contents">
        <h2 id="api-contents">{t.t('api.docs.contents')}</h2>
        <ul>
          <li>
            <a href="#authentication">{t.t('api.docs.auth.title')}</a>
          </li>
          <li>
            <a href="#errors">{t.t('api.docs.errors.title')}</a>
          </li>
          {sections.map((section) => (
            <li key={section.name}>
              <a href={`#tag-${anchorOf(section.name)}`}>{tagTitle(t, section.name)}</a>
              <ul>
                {section.operations.map((operation) => (
                  <li key={operation.operationId}>
                    <a href={`#${operation.operationId}`}>
                      <code>{`${operation.method} ${operation.path}`}</code>
                    </a>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      </nav>
      <section aria-labelledby="authentication">
        <h2 id="authentication">{t.t('api.docs.auth.title')}</h2>
        <p>{t.t('api.docs.auth.body')}</p>
        <p>{t.t('api.docs.auth.tokenPolicy')}</p>
        <p>{t.t('api.docs.auth.sessionNote')}</p>
        <h3>{t.t('api.docs.auth.example')}</h3>
        <pre dir="ltr">
          <code>{example}</code>
        </pre>
      </section>
      <section aria-labelledby="errors">
        <h2 id="errors">{t.t('api.docs.errors.title')}</h2>
        <p>{t.t('api.docs.errors.body')}</p>
      </section>
      {sections.map((section) => (
        <section key={section.name} aria-labelledby={`tag-${anchorOf(section.name)}`}>
          <h2 id={`tag-${anchorOf(section.name)}`}>{tagTitle(t, section.name)}</h2>
          {section.description && <p>{section.description}</p>}
          {section.operations.map((operation) => (
            <Operation key={operation.operationId} t={t} operation={operation} />
          ))}
        </section>
      ))}
    </article>
  );
}

/** The human-readable reference, rendered from the same document tools read. */
export async function docsRoutes(app: FastifyInstance): Promise<void> {
  app.get('/api/docs', { schema: { hide: true } }, async (request, reply) => {
    const sections = groupOperationsByTag(readOpenApiDocument(app));
    return sendPage(request, reply, {
      title: request.t.t('api.docs.title'),
      body: <ReferenceBody t={request.t} sections={sections} baseUrl={request.server.platform.config.baseUrl} />,
    });
  });
}
