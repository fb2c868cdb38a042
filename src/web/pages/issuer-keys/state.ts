import type { IssuerKeySummary } from '../../../modules/credentials/index.ts';
import type { Institution } from '../../../modules/institutions/index.ts';
import type { KeyNotice } from './access.ts';
import type { CompromiseErrors, CompromiseValues } from './compromise-input.ts';

/** Everything the keys page shows, decided before it renders. */
export type KeysPageState = {
  institution: Institution;
  did: string;
  keys: IssuerKeySummary[];
  now: Date;
  notice?: KeyNotice | undefined;
  /** The compromise form that came back with problems, as it was sent. */
  compromise?: { number: number; values: CompromiseValues; errors: CompromiseErrors } | undefined;
};
