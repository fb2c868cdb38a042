import type { FastifyRequest } from 'fastify';
import type { LearnerVideoBlock } from '../../../modules/courseware/index.ts';
import { readTranscripts, type Transcript } from '../../../modules/courses/index.ts';
import { createMemoryCache } from '../../../platform/cache/index.ts';
import { serviceContext } from './shared.ts';

/*
 * A unit's videos come from the run's release, whose caption files are public for good once
 * released and never change under their ids: their transcripts are the same for every reader,
 * so they are kept for a while instead of being checked and parsed on every view of the unit.
 */
const transcriptCache = createMemoryCache({ ttlMs: 10 * 60 * 1000, maxEntries: 500 });

export async function loadVideoTranscripts(
  request: FastifyRequest,
  block: LearnerVideoBlock,
): Promise<readonly Transcript[]> {
  if (block.captions.length === 0) return [];
  const key = block.captions.map((caption) => `${caption.language}:${caption.label}:${caption.mediaId}`).join('|');
  return transcriptCache.getOrLoad(key, () =>
    readTranscripts(serviceContext(request), request.server.platform.storage, block),
  );
}
