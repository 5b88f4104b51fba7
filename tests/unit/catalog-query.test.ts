import { describe, expect, it } from 'vitest';
import { defaultCatalogQuery, fromParams, pageWindow, toParams } from '../../src/core/catalog-query';
import { readUrlState, writeUrlState } from '../../src/components/catalog-browser/url-state';

describe('the catalog query', () => {
  it('is spelled for the API in a fixed order with every part, and read back the same', () => {
    const query = defaultCatalogQuery({ q: '信息', sharing: ['unconditional'], agency: ['330000-GA', '330000-JY'], page: 2, pageSize: 5, sort: 'name' });
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(toParams(query))) for (const one of [value].flat()) params.append(key, one);
    expect(params.toString()).toBe('scope=open&q=%E4%BF%A1%E6%81%AF&agency=330000-GA&agency=330000-JY&sharing=unconditional&page=2&pageSize=5&sort=name');
    expect(fromParams(params)).toEqual(query);
  });

  it('bounds what it reads, an unknown scope or sort read as the default', () => {
    const query = fromParams(new URLSearchParams('scope=everything&sort=random&page=-3&pageSize=100000&open=%20open%20&open=open&open='));
    expect(query).toMatchObject({ scope: 'open', sort: 'relevance', page: 1, pageSize: 100, open: ['open'] });
    expect(fromParams(new URLSearchParams('pageSize=abc&page=1e999'))).toMatchObject({ page: 1, pageSize: 20 });
  });

  it('answers a page past the last with the last', () => {
    expect(pageWindow(45, { page: 99, pageSize: 20 })).toEqual({ page: 3, pageSize: 20, start: 40, end: 60 });
    expect(pageWindow(0, { page: 0, pageSize: 0 })).toEqual({ page: 1, pageSize: 20, start: 0, end: 20 });
  });

  it('keeps only what differs from the default in a link, and the portal its own parameters', () => {
    const href = writeUrlState('https://portal.example/data?keep=portal&page=4', { ...readUrlState(''), q: 'a', frequency: ['daily'], item: 'x' });
    expect(href).toBe('https://portal.example/data?keep=portal&q=a&frequency=daily&item=x');
    expect(readUrlState(new URL(href).search)).toMatchObject({ q: 'a', frequency: ['daily'], sort: 'relevance', page: 1, item: 'x' });
  });
});
