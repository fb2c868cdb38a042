import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseWebVtt } from './webvtt.ts';

describe('reading WebVTT captions', () => {
  it('gives the cues in order with their times and plain words', () => {
    const cues = parseWebVtt(
      [
        'WEBVTT - captions of the welcome video',
        '',
        'NOTE written for Orbis',
        '',
        'STYLE',
        '::cue { color: yellow }',
        '',
        'intro',
        '00:00:01.000 --> 00:00:04.500 line:90%',
        '<v Li Wei>Welcome to <b>Climate Data</b>',
        'for Sustainable Cities &amp; towns.',
        '',
        '01:02.250 --> 01:05.000',
        '<c.yellow>Cities</c> grow warmer.',
        '',
        '00:00:10.000 --> 00:00:09.000',
        'A cue that ends before it starts is dropped.',
      ].join('\r\n'),
    );
    expect(cues).toEqual([
      { startSeconds: 1, endSeconds: 4.5, text: 'Welcome to Climate Data for Sustainable Cities & towns.' },
      { startSeconds: 62.25, endSeconds: 65, text: 'Cities grow warmer.' },
    ]);
  });

  it('refuses text that is not WebVTT', () => {
    expect(parseWebVtt('1\n00:00:01,000 --> 00:00:02,000\nSubRip, not WebVTT')).toBeNull();
    expect(parseWebVtt('WEBVTTX\n')).toBeNull();
  });

  it('reads the captions of the demo video in both languages', () => {
    for (const language of ['en', 'zh-Hans']) {
      const cues = parseWebVtt(fs.readFileSync(`src/server/demo-media/welcome.${language}.vtt`, 'utf8'));
      expect(cues?.length).toBeGreaterThan(3);
    }
  });
});
