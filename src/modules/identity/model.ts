/** An account as the rest of Orbis sees it: Better Auth's user row with Orbis's own columns. */
export type UserProfile = {
  id: string;
  name: string;
  email: string;
  emailVerified: boolean;
  country: string | null;
  locale: string | null;
  bio: string | null;
  platformRole: 'secretariat' | null;
  suspended: boolean;
  createdAt: Date;
};
