import type { FastifyInstance } from 'fastify';
import {
  CertificateRenderError,
  bakePngBadge,
  buildVerifyUrl,
  readCredentialSettings,
  renderBadgePng,
  renderCertificatePdf,
} from '../../../modules/credentials/index.ts';
import { conflict } from '../../../platform/errors/index.ts';
import { attachmentDisposition } from '../../api/packages/disposition.ts';
import { loadVisibleCredential } from './access.ts';
import type { CredentialParams } from './paths.ts';
import { describeCredential } from './present.ts';

/**
 * Views of a credential made on demand: the printable certificate, whose QR code leads to the
 * verification page, and the badge image with the signed credential baked in (Open Badges 3.0
 * §5.3). Drawing them costs far more than a page, so each address is rate limited.
 */

const RENDER_RATE_LIMIT = { max: 20, timeWindow: '1 minute' };

export const certificateFileName = (uuid: string) => `orbis-certificate-${uuid}.pdf`;
export const badgeFileName = (uuid: string) => `orbis-badge-${uuid}.png`;

function renderedHeaders(type: string, fileName: string) {
  return { 'content-type': type, 'content-disposition': attachmentDisposition(fileName), 'cache-control': 'no-store' };
}

export async function renderedDownloadRoutes(app: FastifyInstance): Promise<void> {
  const limit = app.platform.config.rateLimit ? { config: { rateLimit: RENDER_RATE_LIMIT } } : {};

  app.get<CredentialParams>('/credentials/:uuid/certificate.pdf', limit, async (request, reply) => {
    const credential = await loadVisibleCredential(request, request.params.uuid);
    const display = describeCredential(credential.document);
    let pdf: Buffer;
    try {
      pdf = await renderCertificatePdf({
        credential: credential.document,
        learnerName: display.learnerName ?? '',
        verifyUrl: buildVerifyUrl(readCredentialSettings().baseUrl, credential.uuid),
        language: request.locale,
        endorsers: display.endorsers,
      });
    } catch (error) {
      // A credential that states too little to print (no learner name) is not a server fault.
      if (error instanceof CertificateRenderError) {
        throw conflict(
          'credentials.certificate_unavailable',
          'No printable certificate can be made of this credential.',
        );
      }
      throw error;
    }
    return reply.headers(renderedHeaders('application/pdf', certificateFileName(credential.uuid))).send(pdf);
  });

  app.get<CredentialParams>('/credentials/:uuid/badge.png', limit, async (request, reply) => {
    const credential = await loadVisibleCredential(request, request.params.uuid);
    const display = describeCredential(credential.document);
    const image = await renderBadgePng({
      title: display.achievementName ?? credential.title,
      issuerName: display.issuerName ?? '',
    });
    // The JSON document, with its embedded proof, is what wallets reading baked badges expect first.
    const baked = bakePngBadge(image, JSON.stringify(credential.document));
    return reply.headers(renderedHeaders('image/png', badgeFileName(credential.uuid))).send(baked);
  });
}
