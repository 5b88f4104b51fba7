import { Hono, type Context } from 'hono';
import { requireStaff } from '../auth';
import { createRequest, decide, findRequest, listRequests, readAccessRequestBody, readDecisionBody, type ListRole } from '../catalog/access-requests';
import { DEFAULT_PAGE_SIZE, filterValues, MAX_PAGE_SIZE, searchCatalog } from '../catalog/search';
import { facetColumns } from '../catalog/facet-columns';
import { findItem } from '../catalog/store';
import type { AppEnv, Deps } from '../env';
import { problems } from '../errors';
import { intParam, readObject } from '../http';
import type { AccessRequestStatus, CatalogScope, CatalogSort } from '../../src/core/catalog-types';

const SCOPES: readonly CatalogScope[] = ['open', 'sharing'];
const SORTS: readonly CatalogSort[] = ['relevance', 'updated', 'name'];
const ROLES: readonly ListRole[] = ['requester', 'reviewer'];
const STATUSES: readonly AccessRequestStatus[] = ['pending', 'approved', 'rejected'];

function enumParam<T extends string>(c: Context<AppEnv>, name: string, allowed: readonly T[], fallback: T | undefined): T | undefined {
  const value = c.req.query(name);
  if (value === undefined || value === '') return fallback;
  if (!(allowed as readonly string[]).includes(value)) throw problems.badRequest(`Unknown ${name}`, [{ path: name, message: `One of ${allowed.join(', ')}` }]);
  return value as T;
}

/** A live entry the caller may see: the open catalog (not closed) for anyone, every entry for agency staff. */
function visibleItem(c: Context<AppEnv>, deps: Deps, id: string, scope: CatalogScope | undefined) {
  if (scope === 'sharing') requireStaff(c);
  const subject = c.get('subject');
  const staff = !!subject && (subject.kind === 'staff' || subject.kind === 'reviewer') && !!subject.agencyCode;
  const item = id.length <= 200 ? findItem(deps.db, id) : undefined;
  const sharingView = scope === 'sharing' || (scope === undefined && staff);
  if (!item || (!sharingView && item.open === 'closed')) throw problems.notFound('No such catalog entry');
  return item;
}

/** Routes of the catalog area (SPEC §3): search, entries, access requests and their review (Art. 16, 21–27). */
export function catalogRoutes(deps: Deps) {
  const { db } = deps;
  const app = new Hono<AppEnv>();
  // Load the facet columns now rather than on the first visitor's search.
  facetColumns(db);

  app.get('/catalog/items', (c) => {
    const scope = enumParam(c, 'scope', SCOPES, 'open')!;
    if (scope === 'sharing') requireStaff(c);
    const sort = enumParam(c, 'sort', SORTS, 'relevance')!;
    const page = searchCatalog(db, {
      scope,
      q: c.req.query('q') ?? '',
      agency: filterValues(c.req.queries('agency')),
      sharing: filterValues(c.req.queries('sharing')),
      open: filterValues(c.req.queries('open')),
      frequency: filterValues(c.req.queries('frequency')),
      page: intParam(c.req.query('page'), 1, 1, 1_000_000),
      pageSize: intParam(c.req.query('pageSize'), DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE),
      sort,
    });
    return c.json(page);
  });

  app.get('/catalog/items/:id', (c) => {
    const scope = enumParam(c, 'scope', SCOPES, undefined);
    return c.json(visibleItem(c, deps, c.req.param('id'), scope));
  });

  app.post('/catalog/items/:id/access-requests', async (c) => {
    const subject = requireStaff(c);
    const item = visibleItem(c, deps, c.req.param('id'), 'sharing');
    const body = readAccessRequestBody(await readObject(c), item);
    const { request, created } = createRequest(db, subject, item, body);
    return c.json(request, created ? 201 : 200);
  });

  app.get('/access-requests', (c) => {
    const subject = requireStaff(c);
    const role = enumParam(c, 'role', ROLES, subject.kind === 'reviewer' ? 'reviewer' : 'requester')!;
    if (role === 'reviewer' && subject.kind !== 'reviewer') throw problems.forbidden('Only reviewers see the requests made to their agency', 'NOT_REVIEWER');
    const status = enumParam(c, 'status', STATUSES, undefined);
    const itemId = c.req.query('itemId') || undefined;
    return c.json(listRequests(db, subject, role, { status, itemId }));
  });

  app.get('/access-requests/:id', (c) => {
    const subject = requireStaff(c);
    const request = findRequest(db, c.req.param('id'));
    const maySee = !!request && (request.requesterId === subject.id || (subject.kind === 'reviewer' && subject.agencyCode === request.providerAgency.code));
    if (!request || !maySee) throw problems.notFound('No such access request');
    return c.json(request);
  });

  app.post('/access-requests/:id/decision', async (c) => {
    const subject = requireStaff(c);
    const raw = await readObject(c);
    return c.json(decide(db, subject, c.req.param('id'), () => readDecisionBody(raw)));
  });

  return app;
}
