import type { InstitutionRole } from '../modules/institutions/index.ts';

/** Every demo account signs in with this password; demo data is for development only. */
export const DEMO_PASSWORD = 'orbis-demo-2020';

export type DemoAccount = {
  email: string;
  name: string;
  /** What the account can do, in English, for the development sign-in hint. */
  role: string;
  secretariat?: boolean;
  membership?: { institutionKey: string; role: InstitutionRole };
};

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { email: 'learner@demo.orbis.test', name: 'Amina Learner', role: 'Learner' },
  {
    email: 'instructor@demo.orbis.test',
    name: 'Li Wei',
    role: 'Instructor at Tsinghua University',
    membership: { institutionKey: 'tsinghua', role: 'instructor' },
  },
  {
    email: 'admin@demo.orbis.test',
    name: 'Wanjiru Kamau',
    role: 'Administrator of the University of Nairobi',
    membership: { institutionKey: 'nairobi', role: 'admin' },
  },
  {
    email: 'registrar@demo.orbis.test',
    name: 'Giulia Rossi',
    role: 'Registrar at Politecnico di Milano',
    membership: { institutionKey: 'polimi', role: 'registrar' },
  },
  {
    email: 'qa-reviewer@demo.orbis.test',
    name: 'Sarah Chen',
    role: 'Quality reviewer at the University of Toronto',
    membership: { institutionKey: 'toronto', role: 'qa_reviewer' },
  },
  {
    email: 'secretariat@demo.orbis.test',
    name: 'Alliance Secretariat',
    role: 'Alliance secretariat (platform administrator)',
    secretariat: true,
  },
];
