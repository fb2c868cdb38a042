import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  BadgePngError,
  readBakedCredential,
  canViewCredential,
  verifyPresentedCredential,
  verifyStoredCredential,
  type VerificationReport,
} from '../../../modules/credentials/index.ts';
import { serviceContext } from '../institutions/shared.ts';
import type { MessageKey } from '../../messages/index.ts';
import { sendPage } from '../../render.tsx';
import { readUploadedFile } from '../../uploads.ts';
import { VERIFY_PATH, isCredentialUuid, readFormField } from './paths.ts';
import { VerificationReportView, type ReportState } from './verify-report.tsx';
import { MAX_PNG_BYTES, MAX_TEXT_BYTES, VerifyFormView, type VerifyFormState } from './verify-view.tsx';

/**
 * Verification for anyone, signed in or not. Verifying changes nothing and reads nothing
 * private, so the forms carry no CSRF token: a verifier with cookies blocked can still use them.
 * Each check can be costly (canonicalising JSON-LD), so the posts are rate limited per address.
 */

/** Above this, a request is refused before its body is read: a 2 MB image plus the form around it. */
const MAX_REQUEST_BYTES = MAX_PNG_BYTES + 64 * 1024;
const VERIFY_RATE_LIMIT = { max: 30, timeWindow: '1 minute' };

type VerifyQuery = { Querystring: { credential?: string | string[] } };
type FormFailure = { error: MessageKey; field: VerifyFormState['field']; status: number };

function sendForm(request: FastifyRequest, reply: FastifyReply, failure?: FormFailure): FastifyReply {
  return sendPage(request, reply, {
    title: request.t.t('credentials.verify.title'),
    status: failure?.status,
    description: request.t.t('credentials.verify.lead'),
    body: <VerifyFormView t={request.t} state={{ error: failure?.error, field: failure?.field }} />,
  });
}

function sendReport(request: FastifyRequest, reply: FastifyReply, state: ReportState): FastifyReply {
  const title = request.t.t('credentials.verify.resultTitle');
  return sendPage(request, reply, { title, body: <VerificationReportView t={request.t} state={state} /> });
}

function verify(request: FastifyRequest, input: string | Record<string, unknown>): Promise<VerificationReport> {
  const { db, clock } = request.server.platform;
  return verifyPresentedCredential(db, input, clock.now());
}

/**
 * `?credential=<uuid>`, the link printed on certificates: one of ours, checked from its stored
 * signed document. Only the verdict and a summary (achievement, learner, issuer, date) are shown;
 * the full credential stays on its own page. The credential is read under the same rule as its
 * page, so a private one is "not found" to anyone but its learner and its issuer's staff.
 */
async function verifyById(request: FastifyRequest, reply: FastifyReply, uuid: string) {
  const { db, clock } = request.server.platform;
  const checked = await verifyStoredCredential(db, uuid, clock.now());
  if (!checked) {
    return sendForm(request, reply, { error: 'credentials.verify.error.unknownId', field: undefined, status: 404 });
  }
  // The full page is linked only for those who may open it; the verdict is for anyone with the link.
  const pageUuid = canViewCredential(serviceContext(request).actor, checked.summary) ? checked.summary.uuid : undefined;
  return sendReport(request, reply, { report: checked.report, scope: 'summary', pageUuid });
}

async function showVerify(request: FastifyRequest<VerifyQuery>, reply: FastifyReply) {
  const requested = request.query.credential;
  if (requested === undefined) return sendForm(request, reply);
  if (!isCredentialUuid(requested)) {
    return sendForm(request, reply, { error: 'credentials.verify.error.badId', field: undefined, status: 400 });
  }
  return verifyById(request, reply, requested.toLowerCase());
}

/** Damage to the image itself, as opposed to the credential chunk inside it. */
const UNREADABLE_PNG = new Set(['not_png', 'truncated', 'bad_chunk', 'bad_crc', 'missing_header', 'missing_end']);

function checkText(text: string, field: 'credential' | 'badge'): { text: string } | FormFailure {
  if (Buffer.byteLength(text, 'utf8') > MAX_TEXT_BYTES) {
    return { error: 'credentials.verify.error.textTooLarge', field, status: 413 };
  }
  if (text.length === 0) return { error: 'credentials.verify.error.empty', field, status: 400 };
  return { text };
}

/** The credential baked into an uploaded badge image, or why there is none to verify. */
function readBadge(bytes: Buffer): { text: string } | FormFailure {
  if (bytes.length > MAX_PNG_BYTES)
    return { error: 'credentials.verify.error.fileTooLarge', field: 'badge', status: 413 };
  let baked: string | null;
  try {
    baked = readBakedCredential(bytes);
  } catch (error) {
    if (!(error instanceof BadgePngError)) throw error;
    const unreadable = UNREADABLE_PNG.has(error.problem);
    return {
      error: unreadable ? 'credentials.verify.error.notPng' : 'credentials.verify.error.badBake',
      field: 'badge',
      status: 400,
    };
  }
  if (baked === null || baked.trim() === '')
    return { error: 'credentials.verify.error.notBaked', field: 'badge', status: 400 };
  return checkText(baked.trim(), 'badge');
}

/** The text to verify from a posted form (pasted, or baked into an uploaded image), or why there is none. */
function readPresented(request: FastifyRequest): { text: string } | FormFailure {
  const badge = readUploadedFile(request.body, 'badge');
  if (badge) return readBadge(badge.bytes);
  if (request.isMultipart() && readFormField(request.body, 'credential') === '') {
    return { error: 'credentials.verify.error.noFile', field: 'badge', status: 400 };
  }
  return checkText(readFormField(request.body, 'credential').trim(), 'credential');
}

async function verifyPosted(request: FastifyRequest, reply: FastifyReply) {
  const presented = readPresented(request);
  if ('error' in presented) return sendForm(request, reply, presented);
  const report = await verify(request, presented.text);
  return sendReport(request, reply, { report, scope: 'all' });
}

/**
 * Refuses an oversized or unmeasured upload before any of it is buffered. It runs before the body
 * is parsed, so a multipart upload is recognised by its header.
 */
async function refuseLargeBodies(request: FastifyRequest, reply: FastifyReply) {
  const upload = /^multipart\/form-data\b/i.test(request.headers['content-type'] ?? '');
  const declared = request.headers['content-length'];
  if (declared === undefined && upload) {
    return sendForm(request, reply, { error: 'credentials.verify.error.length', field: 'badge', status: 411 });
  }
  if (Number(declared) > MAX_REQUEST_BYTES) {
    const error = upload ? 'credentials.verify.error.fileTooLarge' : 'credentials.verify.error.textTooLarge';
    return sendForm(request, reply, { error, field: upload ? 'badge' : 'credential', status: 413 });
  }
}

export async function verifyRoutes(app: FastifyInstance): Promise<void> {
  app.get<VerifyQuery>(VERIFY_PATH, showVerify);
  // ORBIS_RATE_LIMIT=false turns every limit off, this one too (a proxy in front may limit instead).
  const limit = app.platform.config.rateLimit ? { config: { rateLimit: VERIFY_RATE_LIMIT } } : {};
  app.post(VERIFY_PATH, { bodyLimit: MAX_REQUEST_BYTES, onRequest: refuseLargeBodies, ...limit }, verifyPosted);
}
