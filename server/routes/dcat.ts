import { Hono, type Context } from 'hono';
import { MAX_PAGE_SIZE, searchCatalog } from '../catalog/search';
import { findAgency, findItem } from '../catalog/store';
import { withDataInfo } from '../data/info';
import type { AppEnv, Deps } from '../env';
import { problems, type FieldProblem } from '../errors';
import { toDcatCatalog } from '../../src/core/dcat-ap';
import { forwarded, trustedHops } from '../proxies';
import '../../src/i18n/dcat-ap';

/** The data office publishes the open catalog (Art. 16, 24). */
export const CATALOG_PUBLISHER = '330000-SJ';
export const DCAT_PAGE_SIZE = 100;

/** A positive whole number from the query, or 400 naming the parameter. */
function pageParam(c: Context<AppEnv>, name: string, fallback: number, max: number, found: FieldProblem[]): number {
  const raw = c.req.query(name);
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d{1,9}$/.test(raw) || Number(raw) < 1) {
    found.push({ path: name, message: 'A whole number from 1' });
    return fallback;
  }
  return Math.min(max, Number(raw));
}

/**
 * This API's absolute URL as the harvester reached it, ending in `/`. Behind trusted proxies
 * (`EGOV_TRUST_PROXY`) the host and scheme the outermost one saw, read like the client
 * address (server/proxies.ts).
 */
function apiBaseOf(c: Context<AppEnv>): string {
  const url = new URL(c.req.url);
  const hops = trustedHops(c);
  const proto = forwarded(c, 'x-forwarded-proto', hops);
  const host = forwarded(c, 'x-forwarded-host', hops);
  const scheme = proto === 'http' || proto === 'https' ? proto : url.protocol.slice(0, -1);
  // The forwarded host stands whole (with its port, if any), or not at all.
  return `${new URL(`${scheme}://${host && /^[\w.-]+(:\d{1,5})?$/.test(host) ? host : url.host}`).origin}/api/`;
}

/**
 * Harvesting (SPEC §7, Art. 27): the open catalog as DCAT-AP 3 JSON-LD for national and EU
 * portals, paged with `hydra:PartialCollectionView`; anyone may read it, and it holds only
 * what the open scope of `GET /catalog/items` shows.
 */
export function dcatRoutes(deps: Deps) {
  const { store } = deps;
  const app = new Hono<AppEnv>();

  app.get('/catalog/dcat.jsonld', async (c) => {
    const found: FieldProblem[] = [];
    const page = pageParam(c, 'page', 1, 1_000_000, found);
    const pageSize = pageParam(c, 'pageSize', DCAT_PAGE_SIZE, MAX_PAGE_SIZE, found);
    if (found.length) throw problems.badRequest('The request is not valid', found);
    // Name order: a harvester paging through meets each entry once while the catalog is unchanged.
    const result = await searchCatalog(store, { scope: 'open', q: '', agency: [], sharing: [], open: [], frequency: [], page, pageSize, sort: 'name' });
    if (page > Math.max(1, Math.ceil(result.total / pageSize))) throw problems.notFound('No such page of the catalog');
    // Each entry with its fields (the table schema), row count and licence, as GET /catalog/items/{id} gives it.
    const entries = (await Promise.all(result.items.map((item) => findItem(store.db, item.id)))).filter((i): i is NonNullable<typeof i> => !!i);
    const items = await withDataInfo(store.db, entries);
    const doc = toDcatCatalog({
      apiBase: apiBaseOf(c),
      items,
      total: result.total,
      page,
      pageSize,
      publisher: await findAgency(store.db, CATALOG_PUBLISHER),
    });
    return c.body(JSON.stringify(doc), 200, { 'Content-Type': 'application/ld+json; charset=utf-8' });
  });

  return app;
}
