import { Hono, type Context } from 'hono';
import { defaultScope, isInScope, isReviewer, mayRequestAccess, maySeeAccessRequest } from '../access';
import { requireStaff, requireSubject } from '../auth';
import { createRequest, decide, findRequest, listRequests, readAccessRequestBody, readDecisionBody, type ListRole } from '../catalog/access-requests';
import { searchCatalog } from '../catalog/search';
import { facetColumns } from '../catalog/facet-columns';
import { findItem } from '../catalog/store';
import { withDataInfo } from '../data/info';
import type { AppEnv, Deps } from '../env';
import { problems } from '../errors';
import { readObject } from '../http';
import type { AccessRequestStatus, CatalogScope } from '../../src/core/catalog-types';
import { CATALOG_SCOPES, CATALOG_SORTS, fromParams } from '../../src/core/catalog-query';

const ROLES: readonly ListRole[] = ['requester', 'reviewer'];
const STATUSES: readonly AccessRequestStatus[] = ['pending', 'approved', 'rejected'];

function enumParam<T extends string>(c: Context<AppEnv>, name: string, allowed: readonly T[], fallback: T | undefined): T | undefined {
  const value = c.req.query(name);
  if (value === undefined || value === '') return fallback;
  if (!(allowed as readonly string[]).includes(value)) throw problems.badRequest(`Unknown ${name}`, [{ path: name, message: `One of ${allowed.join(', ')}` }]);
  return value as T;
}

/** A live entry the caller may see: the open catalog (not closed) for anyone, every entry for agency staff. */
async function visibleItem(c: Context<AppEnv>, deps: Deps, id: string, scope: CatalogScope | undefined) {
  if (scope === 'sharing') requireStaff(c);
  const item = id.length <= 200 ? await findItem(deps.store.db, id) : undefined;
  if (!item || !isInScope(item, scope ?? defaultScope(c.get('subject')))) throw problems.notFound('No such catalog entry');
  return item;
}

/** Routes of the catalog area (SPEC §3): search, entries, access requests and their review (Art. 16, 21–27). */
export function catalogRoutes(deps: Deps) {
  const { store } = deps;
  const app = new Hono<AppEnv>();
  // Load the facet columns now rather than on the first visitor's search.
  facetColumns(store).catch(() => undefined);

  app.get('/catalog/items', async (c) => {
    const scope = enumParam(c, 'scope', CATALOG_SCOPES, 'open')!;
    if (scope === 'sharing') requireStaff(c);
    enumParam(c, 'sort', CATALOG_SORTS, 'relevance');
    const params = new URLSearchParams(Object.entries(c.req.queries()).flatMap(([name, values]) => values.map((v) => [name, v])));
    const page = await searchCatalog(store, fromParams(params));
    return c.json({ ...page, items: await withDataInfo(store.db, page.items) });
  });

  app.get('/catalog/items/:id', async (c) => {
    const scope = enumParam(c, 'scope', CATALOG_SCOPES, undefined);
    const [item] = await withDataInfo(store.db, [await visibleItem(c, deps, c.req.param('id'), scope)]);
    return c.json(item);
  });

  app.post('/catalog/items/:id/access-requests', async (c) => {
    const subject = requireSubject(c);
    // Agency staff ask in the sharing scope; citizens and organisations only for conditionally open data (SPEC §7).
    const item = await visibleItem(c, deps, c.req.param('id'), defaultScope(subject));
    if (!mayRequestAccess(subject, item)) throw problems.forbidden('Only agency staff, or for conditionally open data citizens and organisations, may request access', 'NOT_REQUESTABLE');
    const body = readAccessRequestBody(await readObject(c), item);
    const { request, created } = await createRequest(store.db, subject, item, body);
    return c.json(request, created ? 201 : 200);
  });

  app.get('/access-requests', async (c) => {
    const subject = requireSubject(c);
    const role = enumParam(c, 'role', ROLES, isReviewer(subject) ? 'reviewer' : 'requester')!;
    if (role === 'reviewer' && !isReviewer(subject)) throw problems.forbidden('Only reviewers see the requests made to their agency', 'NOT_REVIEWER');
    const status = enumParam(c, 'status', STATUSES, undefined);
    const itemId = c.req.query('itemId') || undefined;
    return c.json(await listRequests(store.db, subject, role, { status, itemId }));
  });

  app.get('/access-requests/:id', async (c) => {
    const subject = requireSubject(c);
    const id = c.req.param('id');
    const request = id.length <= 100 ? await findRequest(store.db, id) : undefined;
    if (!request || !maySeeAccessRequest(subject, request)) throw problems.notFound('No such access request');
    return c.json(request);
  });

  app.post('/access-requests/:id/decision', async (c) => {
    const subject = requireStaff(c);
    const raw = await readObject(c);
    return c.json(await decide(store.db, subject, c.req.param('id'), (itemId) => findItem(store.db, itemId), () => readDecisionBody(raw)));
  });

  return app;
}
