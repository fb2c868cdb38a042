/**
 * JSON-LD expansion costs most of a canonicalization (OB 3.0 has a scoped context per type),
 * and credentials of one kind share their shape. So a shape is expanded once, with each string
 * value replaced by a unique slot, and later documents of that shape reuse the RDF quads with
 * their own values put back; only RDFC-1.0 itself runs per document.
 *
 * The shape keeps verbatim everything that steers expansion: keys, `@context`, `type`, other
 * keywords, numbers, booleans. A template is refused (the document takes the full path) when a
 * slot is not found as a whole RDF term, and a value is refused when it would not expand to
 * itself: a slot in IRI position takes only an absolute http(s), urn or did IRI, which no
 * bundled context can rewrite. Tests compare this path with plain jsonld on many documents.
 */
import type { RdfQuad, RdfTerm } from 'jsonld';

const SLOT_PREFIX = 'urn:orbis-c14n-slot:';
// proofPurpose takes a vocabulary term (assertionMethod), which expands through the context like a type.
const VERBATIM_KEYS = new Set([
  '@context',
  'type',
  '@type',
  '@language',
  '@direction',
  '@base',
  '@vocab',
  '@version',
  'proofPurpose',
]);
const SAFE_IRI = /^(?:https?|urn|did):[^\s<>"{}|\\^`]+$/;
const MAX_TEMPLATES = 256;

export type DocumentShape = { key: string; skeleton: unknown; values: string[] };

/**
 * Replaces every string value that does not steer expansion by a numbered slot. Null when a part
 * kept verbatim (a key, a type, a context, proofPurpose…) itself reads as a slot: the template
 * would take it for one and put another value in its place, so such a document takes the full path.
 */
export function describeShape(document: object): DocumentShape | null {
  const values: string[] = [];
  let keptSlotLike = false;
  const replace = (value: unknown, verbatim: boolean): unknown => {
    if (verbatim) {
      if (JSON.stringify(value)?.includes(SLOT_PREFIX)) keptSlotLike = true;
      return value;
    }
    if (typeof value === 'string') {
      values.push(value);
      return `${SLOT_PREFIX}${values.length - 1}`;
    }
    if (Array.isArray(value)) return value.map((item) => replace(item, false));
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(
        Object.entries(value).map(([key, child]) => {
          if (key.includes(SLOT_PREFIX)) keptSlotLike = true;
          return [
            key,
            replace(child, VERBATIM_KEYS.has(key) || (key.startsWith('@') && key !== '@id' && key !== '@value')),
          ];
        }),
      );
    }
    return value;
  };
  const skeleton = replace(document, false);
  return keptSlotLike ? null : { key: JSON.stringify(skeleton), skeleton, values };
}

/** A fixed term, or a slot: an IRI, or a literal with its datatype and language kept. */
type TemplateTerm = { fixed: RdfTerm } | { slot: number; iri: true } | { slot: number; iri: false; literal: RdfTerm };
type TemplateQuad = { subject: TemplateTerm; predicate: TemplateTerm; object: TemplateTerm; graph: TemplateTerm };
export type DatasetTemplate = { quads: TemplateQuad[] };

function readSlot(value: string): number | null | 'partial' {
  const at = value.indexOf(SLOT_PREFIX);
  if (at === -1) return null;
  if (at !== 0) return 'partial';
  const number = value.slice(SLOT_PREFIX.length);
  return /^(0|[1-9]\d*)$/.test(number) ? Number(number) : 'partial';
}

/** Null when the shape cannot be templated safely. */
export function buildTemplate(dataset: RdfQuad[], slotCount: number): DatasetTemplate | null {
  const seen = new Set<number>();
  const toTemplateTerm = (term: RdfTerm): TemplateTerm | null => {
    if (term.datatype && readSlot(term.datatype.value) !== null) return null;
    if (term.language !== undefined && readSlot(term.language) !== null) return null;
    const slot = readSlot(term.value);
    if (slot === null) return { fixed: term };
    if (slot === 'partial' || slot >= slotCount) return null;
    if (term.termType !== 'NamedNode' && term.termType !== 'Literal') return null;
    seen.add(slot);
    return term.termType === 'NamedNode' ? { slot, iri: true } : { slot, iri: false, literal: term };
  };
  const quads: TemplateQuad[] = [];
  for (const quad of dataset) {
    const subject = toTemplateTerm(quad.subject);
    const predicate = toTemplateTerm(quad.predicate);
    const object = toTemplateTerm(quad.object);
    const graph = toTemplateTerm(quad.graph);
    if (!subject || !predicate || !object || !graph) return null;
    quads.push({ subject, predicate, object, graph });
  }
  // A value that vanished or was rewritten cannot be put back faithfully.
  return seen.size === slotCount ? { quads } : null;
}

function termKey(term: RdfTerm): string {
  return `${term.termType}\u0000${term.value}\u0000${term.datatype?.value ?? ''}\u0000${term.language ?? ''}`;
}

/** The dataset of a document of the template's shape, or null when a value needs the full path. */
export function fillTemplate(template: DatasetTemplate, values: readonly string[]): RdfQuad[] | null {
  const fill = (term: TemplateTerm): RdfTerm | null => {
    if ('fixed' in term) return term.fixed;
    const value = values[term.slot];
    if (value === undefined) return null;
    if (term.iri) return SAFE_IRI.test(value) ? { termType: 'NamedNode', value } : null;
    return { ...term.literal, value };
  };
  const quads: RdfQuad[] = [];
  const keys = new Set<string>();
  for (const quad of template.quads) {
    const subject = fill(quad.subject);
    const predicate = fill(quad.predicate);
    const object = fill(quad.object);
    const graph = fill(quad.graph);
    if (!subject || !predicate || !object || !graph) return null;
    // A dataset is a set: equal values that were distinct slots collapse, as jsonld merges them.
    const key = [subject, predicate, object, graph].map(termKey).join('\u0001');
    if (keys.has(key)) continue;
    keys.add(key);
    quads.push({ subject, predicate, object, graph });
  }
  return quads;
}

/** Templates by shape, oldest out first; `null` remembers a shape that cannot be templated. */
export class TemplateCache {
  private readonly entries = new Map<string, DatasetTemplate | null>();

  get(key: string): DatasetTemplate | null | undefined {
    const entry = this.entries.get(key);
    if (entry !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry;
  }

  set(key: string, template: DatasetTemplate | null): void {
    this.entries.delete(key);
    this.entries.set(key, template);
    while (this.entries.size > MAX_TEMPLATES) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  clear(): void {
    this.entries.clear();
  }
}
