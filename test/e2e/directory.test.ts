import { describe, expect, test } from 'vitest';
import { expectCleanConsole, useOrbis } from './support/fixture.ts';
import { browseDirectory } from './support/journeys.ts';

const orbis = useOrbis();

const SOME_FOUNDING_MEMBERS = [
  'Tsinghua University',
  'University of Nairobi',
  'Politecnico di Milano',
  'edX',
  'XuetangX',
  'Thai MOOC',
];

function includesName(texts: string[], name: string): boolean {
  return texts.some((text) => text.includes(name));
}

describe('a visitor browsing the alliance directory', () => {
  test('sees the twenty founding members, narrows them to Africa and opens a profile', async () => {
    const watched = await orbis.open({ locale: 'en' });
    const { listed, filtered } = await browseDirectory(watched.page, true);

    expect(listed, `institutions listed: ${listed.join(', ')}`).toHaveLength(20);
    for (const name of SOME_FOUNDING_MEMBERS) expect(includesName(listed, name), name).toBe(true);
    expect(includesName(filtered, 'University of Nairobi')).toBe(true);
    expect(includesName(filtered, 'Tsinghua University')).toBe(false);

    expectCleanConsole(watched);
  });
});
