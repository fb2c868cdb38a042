import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { BLOCK_TYPES, blockSchema, courseMetadataSchema, type Block, type CourseMetadata } from '../courses/index.ts';
import { MEDIA_SNIFF_BYTES, detectMediaType, isAllowedMediaType } from '../../platform/storage/index.ts';
import {
  MANIFEST_NAME,
  listReferencedMediaIds,
  manifestSchema,
  type Manifest,
  type PackageMedia,
  type PackageSection,
  type RawManifest,
} from './manifest.ts';
import { FatalPackageProblem, problem, toPackageError, type PackageProblem } from './problems.ts';
import { readArchive, type ZipLimits } from './zip-read.ts';

/** A package that passed every check, with the bytes of each media file by its uuid. */
export type ValidPackage = { manifest: Manifest; media: Map<string, { entry: PackageMedia; bytes: Uint8Array }> };

function issuesToProblems(code: string, prefix: string, error: z.ZodError): PackageProblem[] {
  return error.issues.map((issue) => problem(code, [prefix, ...issue.path.map(String)].join('.'), issue.message));
}

function parseManifestJson(bytes: Uint8Array | undefined, problems: PackageProblem[]): RawManifest | null {
  if (!bytes) {
    if (!problems.some((entry) => entry.where === MANIFEST_NAME)) {
      problems.push(problem('manifest.missing', MANIFEST_NAME, 'The package has no orbis-course.json manifest.'));
    }
    return null;
  }
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    problems.push(problem('manifest.not_json', MANIFEST_NAME, 'The manifest is not valid UTF-8 JSON.'));
    return null;
  }
  const parsed = manifestSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  problems.push(...issuesToProblems('manifest.invalid', 'manifest', parsed.error));
  return null;
}

function parseBlock(content: unknown, where: string, problems: PackageProblem[]): Block | null {
  const type = content && typeof content === 'object' ? (content as { type?: unknown }).type : undefined;
  if (!BLOCK_TYPES.includes(type as Block['type'])) {
    const named = typeof type === 'string' ? `"${type.slice(0, 60)}"` : 'missing';
    problems.push(
      problem(
        'block.unknown_type',
        `${where}.type`,
        `The block type is ${named}; known types: ${BLOCK_TYPES.join(', ')}.`,
      ),
    );
    return null;
  }
  const parsed = blockSchema.safeParse(content);
  if (parsed.success) return parsed.data;
  problems.push(...issuesToProblems('block.invalid', where, parsed.error));
  return null;
}

/** Checks metadata, blocks and keys; returns the typed manifest when nothing in it is wrong. */
function checkContent(raw: RawManifest, problems: PackageProblem[]): Manifest | null {
  const before = problems.length;
  const metadata = courseMetadataSchema.safeParse(raw.metadata);
  if (!metadata.success) problems.push(...issuesToProblems('metadata.invalid', 'manifest.metadata', metadata.error));
  const seen = new Set<string>();
  const noteKey = (key: string, where: string) => {
    if (seen.has(key)) problems.push(problem('manifest.duplicate_key', where, `The key "${key}" is used twice.`));
    seen.add(key);
  };
  const sections: PackageSection[] = raw.sections.map((section, s) => {
    noteKey(section.key, `manifest.sections.${s}.key`);
    const units = section.units.map((unit, u) => {
      noteKey(unit.key, `manifest.sections.${s}.units.${u}.key`);
      const blocks = unit.blocks.map((block, b) => {
        const where = `manifest.sections.${s}.units.${u}.blocks.${b}`;
        noteKey(block.key, `${where}.key`);
        return { key: block.key, content: parseBlock(block.content, `${where}.content`, problems) };
      });
      return { key: unit.key, title: unit.title, blocks: blocks as { key: string; content: Block }[] };
    });
    return { key: section.key, title: section.title, units };
  });
  if (problems.length > before || !metadata.success) return null;
  return { ...raw, metadata: metadata.data as CourseMetadata, sections };
}

const storagePurposeOf = (purpose: PackageMedia['purpose']) => (purpose === 'poster' ? 'image' : purpose);

/** Matches the listed media with the archive's files, their checksums and their real types. */
function checkMedia(
  manifest: RawManifest,
  referenced: readonly string[] | null,
  files: ReadonlyMap<string, Uint8Array>,
  problems: PackageProblem[],
): ValidPackage['media'] {
  const media: ValidPackage['media'] = new Map();
  const listedPaths = new Set<string>();
  manifest.media.forEach((entry, index) => {
    const where = `manifest.media.${index}`;
    const fail = (code: string, message: string) => problems.push(problem(code, where, message));
    if (media.has(entry.uuid)) return fail('media.duplicate', `The media ${entry.uuid} is listed twice.`);
    const name = entry.path.slice(`media/${entry.uuid}/`.length);
    if (!entry.path.startsWith(`media/${entry.uuid}/`) || name.length === 0 || name.includes('/')) {
      return fail('media.bad_path', `The path must be media/${entry.uuid}/<file name>.`);
    }
    listedPaths.add(entry.path);
    const bytes = files.get(entry.path);
    if (!bytes) {
      if (!problems.some((found) => found.where === entry.path))
        fail('media.missing_file', `The archive has no ${entry.path}.`);
      return;
    }
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (sha256 !== entry.sha256)
      fail('media.sha256_mismatch', `The SHA-256 of ${entry.path} is ${sha256}, not ${entry.sha256}.`);
    if (bytes.byteLength !== entry.size)
      fail('media.size_mismatch', `${entry.path} has ${bytes.byteLength} bytes, not ${entry.size}.`);
    const detected = detectMediaType(bytes.subarray(0, MEDIA_SNIFF_BYTES), entry.filename);
    if (!detected || !isAllowedMediaType(storagePurposeOf(entry.purpose), detected.mime)) {
      const seen = detected ? detected.mime : 'of an unknown type';
      fail('media.type_not_allowed', `${entry.path} is ${seen}, which is not allowed for a ${entry.purpose}.`);
    }
    media.set(entry.uuid, { entry, bytes });
  });
  if (referenced) {
    const listed = new Set(manifest.media.map((entry) => entry.uuid));
    for (const id of referenced) {
      if (!listed.has(id))
        problems.push(
          problem(
            'media.not_listed',
            'manifest.media',
            `The content refers to media ${id}, which the manifest does not list.`,
          ),
        );
    }
    manifest.media.forEach((entry, index) => {
      if (!referenced.includes(entry.uuid)) {
        problems.push(
          problem(
            'media.unreferenced',
            `manifest.media.${index}`,
            `Nothing in the course refers to media ${entry.uuid}.`,
          ),
        );
      }
    });
  }
  for (const name of files.keys()) {
    if (name !== MANIFEST_NAME && !listedPaths.has(name)) {
      problems.push(problem('entry.unlisted', name, 'The manifest does not list this file.'));
    }
  }
  return media;
}

/**
 * Reads and checks a whole package before anything is written. Every problem found is collected
 * into one `invalid` error 'package.invalid' (details.problems and details.fields list them).
 */
export function validatePackage(bytes: Uint8Array, limits: ZipLimits): ValidPackage {
  let archive: ReturnType<typeof readArchive>;
  try {
    archive = readArchive(bytes, limits);
  } catch (error) {
    if (error instanceof FatalPackageProblem) throw toPackageError([error.problem]);
    throw error;
  }
  const problems = [...archive.problems];
  const raw = parseManifestJson(archive.files.get(MANIFEST_NAME), problems);
  if (!raw) {
    // Without a manifest the other files cannot be judged, but strange names still are reported.
    throw toPackageError(problems);
  }
  const manifest = checkContent(raw, problems);
  const referenced = manifest ? listReferencedMediaIds(manifest.metadata, manifest.sections) : null;
  const media = checkMedia(raw, referenced, archive.files, problems);
  if (problems.length > 0 || !manifest) throw toPackageError(problems);
  return { manifest, media };
}
