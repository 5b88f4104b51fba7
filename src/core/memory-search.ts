import type { CatalogFacets, CatalogItem, CatalogPage, CatalogQuery, FacetValue } from './catalog-types';
import { OPEN_CLASSES, SHARING_CLASSES, UPDATE_FREQUENCIES } from './catalog-types';
import { FILTER_KEYS as FACETS, normaliseQuery, pageWindow, queryTerms } from './catalog-query';

type FacetName = keyof CatalogFacets;

function facetValue(item: CatalogItem, facet: FacetName): string {
  switch (facet) {
    case 'agency': return item.agency.code;
    case 'sharing': return item.sharing;
    case 'open': return item.open;
    case 'frequency': return item.updateFrequency;
  }
}

function haystack(item: CatalogItem): string {
  return [item.name, item.summary, item.agency.name, ...item.tags, ...(item.fields ?? []).map((f) => f.label)].join('\n').toLocaleLowerCase();
}

/** Optional labels for facet values (an agency's name is its label by default). */
export type FacetLabeller = (facet: FacetName, value: string) => string;

/**
 * The search contract of `GET /catalog/items`, over entries in memory: every word of the
 * query must occur (case-insensitive substring, so it works for Chinese), filters OR-ed within
 * a facet and AND-ed across, facet counts under the other facets' filters (disjunctive
 * faceting), sort and paging. For sources that hand over a whole catalogue (DCAT-AP) and for mocks.
 */
export function searchInMemory(items: readonly CatalogItem[], query: CatalogQuery, label: FacetLabeller = (_f, v) => v): CatalogPage {
  const terms = queryTerms(normaliseQuery(query.q));
  const matched = terms.length ? items.filter((item) => { const text = haystack(item); return terms.every((t) => text.includes(t)); }) : [...items];
  const filters: Record<FacetName, string[]> = { agency: query.agency, sharing: query.sharing, open: query.open, frequency: query.frequency };
  const passes = (item: CatalogItem, except?: FacetName) =>
    FACETS.every((f) => f === except || !filters[f].length || filters[f].includes(facetValue(item, f)));

  const facets = {} as CatalogFacets;
  for (const facet of FACETS) {
    const counts = new Map<string, number>();
    const names = new Map<string, string>();
    for (const item of matched) {
      if (!passes(item, facet)) continue;
      const value = facetValue(item, facet);
      counts.set(value, (counts.get(value) ?? 0) + 1);
      if (facet === 'agency') names.set(value, item.agency.name);
    }
    const order: readonly string[] = facet === 'sharing' ? SHARING_CLASSES : facet === 'open' ? OPEN_CLASSES : facet === 'frequency' ? UPDATE_FREQUENCIES : [];
    const values: FacetValue[] = [...counts].map(([value, count]) => ({ value, label: facet === 'agency' ? names.get(value) || label(facet, value) : label(facet, value), count }));
    values.sort((a, b) => (order.length ? order.indexOf(a.value) - order.indexOf(b.value) : b.count - a.count || a.label.localeCompare(b.label)));
    facets[facet] = values;
  }

  const results = matched.filter((item) => passes(item));
  if (query.sort === 'name') results.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN') || a.id.localeCompare(b.id));
  else if (query.sort === 'updated' || !terms.length) results.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || a.id.localeCompare(b.id));
  else {
    // Relevance: hits in the name count most, then anywhere else; ties by recency.
    const score = (item: CatalogItem) => terms.reduce((s, t) => s + (item.name.toLocaleLowerCase().includes(t) ? 3 : 1), 0);
    results.sort((a, b) => score(b) - score(a) || b.updatedAt.localeCompare(a.updatedAt));
  }
  const { page, pageSize, start, end } = pageWindow(results.length, query);
  return {
    items: results.slice(start, end).map(({ fields: _fields, ...rest }) => rest),
    total: results.length,
    page,
    pageSize,
    facets,
  };
}
