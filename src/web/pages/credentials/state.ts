import type { StoredCredential } from '../../../modules/credentials/index.ts';
import type { MessageKey } from '../../messages/index.ts';
import type { CredentialNotice } from './paths.ts';
import type { CredentialDisplay } from './present.ts';

/** Everything a credential page shows, decided before it renders. */
export type CredentialPageState = {
  credential: StoredCredential;
  display: CredentialDisplay;
  issuerName: string;
  isOwner: boolean;
  canRevoke: boolean;
  csrf: string;
  links: { page: string; verify: string; linkedIn: string };
  notice?: CredentialNotice | undefined;
  /** What went wrong with the last visibility or revocation form. */
  errors?: CredentialFormErrors | undefined;
};

export type CredentialFormErrors = {
  visibility?: MessageKey;
  reason?: MessageKey;
  revoke?: MessageKey;
  reasonValue?: string;
};
