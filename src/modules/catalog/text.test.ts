import { describe, expect, it } from 'vitest';
import {
  buildUnspacedQuery,
  cjkBigrams,
  configForLanguage,
  segmentWords,
  stripUnspaced,
  toIndexPiece,
} from './text.ts';

describe('configForLanguage', () => {
  it('picks the stemmer of the primary language and simple otherwise', () => {
    expect(configForLanguage('en')).toBe('english');
    expect(configForLanguage('pt-BR')).toBe('portuguese');
    expect(configForLanguage('ar')).toBe('arabic');
    expect(configForLanguage('sw')).toBe('simple');
    expect(configForLanguage('zh-Hans')).toBe('simple');
  });
});

describe('unspaced scripts', () => {
  it('cuts Chinese, Japanese and Thai into words', () => {
    expect(segmentWords('气候变化与可持续发展', 'zh-Hans')).toContain('气候');
    expect(segmentWords('機械学習入門', 'ja').join('')).toBe('機械学習入門');
    expect(segmentWords('การเรียนรู้ของเครื่อง', 'th').length).toBeGreaterThan(1);
  });

  it('pairs CJK characters and keeps a lone one', () => {
    expect(cjkBigrams('气候变化')).toEqual(['气候', '候变', '变化']);
    expect(cjkBigrams('学 AI')).toEqual(['学']);
    expect(cjkBigrams('climate')).toEqual([]);
  });

  it('indexes unspaced text with simple, words and bigrams together', () => {
    const piece = toIndexPiece('气候变化', 'zh-Hans');
    expect(piece.config).toBe('simple');
    expect(piece.text.split(' ')).toEqual(expect.arrayContaining(['气候', '变化', '候变']));
    expect(toIndexPiece('Climate change', 'en')).toEqual({ config: 'english', text: 'Climate change' });
  });

  it('builds a tsquery where either the words or the bigrams must match', () => {
    expect(buildUnspacedQuery('气候')).toBe("('气候' | '气候')");
    expect(buildUnspacedQuery('学')).toBe("'学':*");
    expect(buildUnspacedQuery('climate')).toBe('');
    expect(stripUnspaced('机器学习 python 入门')).toBe('python');
  });
});
