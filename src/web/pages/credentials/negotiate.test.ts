import { describe, expect, it } from 'vitest';
import { preferredJsonType } from './negotiate.ts';

describe('choosing between a credential’s page and its JSON', () => {
  it.each([
    [undefined, null],
    ['', null],
    ['*/*', null],
    ['text/html', null],
    ['text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', null],
    ['application/json', 'application/json'],
    ['application/ld+json', 'application/ld+json'],
    ['application/vc+ld+json', 'application/vc+ld+json'],
    ['text/html;q=0.4, application/json;q=0.6', 'application/json'],
    ['application/json;q=0.5, text/html;q=0.5', null],
    ['application/json;q=0, text/html', null],
    ['application/json;q=0', null],
    ['application/json, application/ld+json;q=0.9', 'application/json'],
    ['application/ld+json;q=0.8, application/vc+ld+json', 'application/vc+ld+json'],
    ['APPLICATION/JSON', 'application/json'],
    ['application/json;q=abc', null],
    [',,;;', null],
  ])('answers Accept: %s with %s', (accept, expected) => {
    expect(preferredJsonType(accept)).toBe(expected);
  });
});
