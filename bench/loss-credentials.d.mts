export type CredentialLossFigures = {
  database: 'postgresql' | 'pglite';
  passes: number;
  kills: number;
  /** Kills after which some credentials existed and some events were still due. */
  killedWhileIssuing: number;
  credentialsAfterEachKill: number[];
  issued: number;
  missing: number;
  duplicates: number;
  pendingEvents: number;
  doneEvents: number;
};

export function runCredentialLossTest(options?: {
  passes?: number;
  kills?: number;
  mode?: 'dist' | 'source';
  databaseUrl?: string | null;
  settleSeconds?: number;
  log?: (line: string) => void;
  world?: unknown;
}): Promise<CredentialLossFigures>;
