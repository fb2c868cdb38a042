/**
 * The accounts the demo data creates, shown on the sign-in page outside production. The web layer
 * may not import the server's demo data, so the list is repeated here; keep the two in step.
 */
export type DemoRole = 'learner' | 'instructor' | 'admin' | 'registrar' | 'qaReviewer' | 'secretariat';

export const DEMO_ACCOUNTS: ReadonlyArray<{ email: string; role: DemoRole }> = [
  { email: 'learner@demo.orbis.test', role: 'learner' },
  { email: 'instructor@demo.orbis.test', role: 'instructor' },
  { email: 'admin@demo.orbis.test', role: 'admin' },
  { email: 'registrar@demo.orbis.test', role: 'registrar' },
  { email: 'qa-reviewer@demo.orbis.test', role: 'qaReviewer' },
  { email: 'secretariat@demo.orbis.test', role: 'secretariat' },
];

export const DEMO_PASSWORD = 'orbis-demo-2020';
