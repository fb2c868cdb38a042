import { describe, test } from 'vitest';
import { expectCleanConsole, useOrbis } from './support/fixture.ts';
import { expectSignedInAs, signIn, signOut, signUp, verifyEmailFromMailbox, type NewUser } from './support/journeys.ts';
import { uniqueEmail } from './support/steps.ts';

const orbis = useOrbis();

describe('a new learner', () => {
  test('signs up, confirms the address from the mailbox, signs out and signs back in', async () => {
    const watched = await orbis.open({ locale: 'en' });
    const { page } = watched;
    const user: NewUser = {
      name: 'Amina Njoroge',
      email: uniqueEmail('amina'),
      password: 'kilimanjaro-sunrise-2030',
      country: 'KE',
      language: 'en',
    };

    await signUp(page, user);
    await verifyEmailFromMailbox(page, user.email);
    await expectSignedInAs(page, user.name);
    await signOut(page);
    await signIn(page, user.email, user.password);
    await expectSignedInAs(page, user.name);

    expectCleanConsole(watched);
  });
});
