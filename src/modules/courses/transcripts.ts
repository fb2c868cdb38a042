import type { ServiceContext } from '../../platform/access/index.ts';
import { createMemoryCache, type ReadCache } from '../../platform/cache/index.ts';
import { isDomainError } from '../../platform/errors/index.ts';
import { isStorageNotFound, type ObjectStorage } from '../../platform/storage/index.ts';
import { getMediaForDownload } from './media.ts';
import type { VideoBlock } from './model.ts';
import { parseWebVtt, type Cue } from './webvtt.ts';

/** The words of a video in one language, read from its captions. */
export type Transcript = { language: string; label: string; cues: Cue[] };

/** A caption file's bytes never change under its id, so its cues are cached for as long as memory allows. */
const cueCache: ReadCache = createMemoryCache({ ttlMs: 24 * 60 * 60 * 1000, maxEntries: 2000 });

async function readText(storage: ObjectStorage, key: string): Promise<string> {
  const { stream } = await storage.get(key);
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The transcripts of a video block, one per caption track the actor may read (the same rule as
 * downloading the caption file). A track whose file is missing or unreadable is left out.
 */
export async function readTranscripts(
  ctx: ServiceContext,
  storage: ObjectStorage,
  block: VideoBlock,
): Promise<Transcript[]> {
  const transcripts: Transcript[] = [];
  for (const caption of block.captions) {
    try {
      const { asset } = await getMediaForDownload(ctx, caption.mediaId);
      const cues = await cueCache.getOrLoad<Cue[] | null>(asset.uuid, async () =>
        parseWebVtt(await readText(storage, asset.storageKey)),
      );
      if (cues && cues.length > 0) transcripts.push({ language: caption.language, label: caption.label, cues });
    } catch (error) {
      // A missing or private file has no transcript to show; the video itself still plays.
      if (!isDomainError(error) && !isStorageNotFound(error)) throw error;
    }
  }
  return transcripts;
}
