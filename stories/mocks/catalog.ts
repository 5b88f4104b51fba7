import { http, HttpResponse, delay, type HttpHandler } from 'msw';
import { catalogSeed, SEED_IDS } from '../../server/seed/data/catalog';
import { AGENCIES } from '../../server/seed/data/agencies';
import { FREQUENCY_LABELS, OPEN_LABELS, SHARING_LABELS } from '../../server/catalog/labels';
import { searchInMemory } from '../../src/core/memory-search';
import type { AccessRequest, CatalogItem, CatalogQuery, CatalogSort } from '../../src/core/catalog-types';
import { apiError, storySubject } from './session';
import ckanSearch from '../../tests/fixtures/ckan/packages.json';
import ckanShowA from '../../tests/fixtures/ckan/17be64bb-da74-4195-9bb8-565c39846af2.json';
import ckanShowB from '../../tests/fixtures/ckan/62513382-3b26-4bc8-9096-40b6ce8383c0.json';
import ckanShowC from '../../tests/fixtures/ckan/9c3036b8-f6ac-4a4e-9036-5a3cc90c3900.json';

/** Real demo.ckan.org answers (tests/fixtures/ckan): a portal at `/ckan/api/3` for the CKAN-source story. */
const CKAN_SHOW: Record<string, unknown> = Object.fromEntries(
  [ckanShowA, ckanShowB, ckanShowC].map((body) => [(body as { result: { id: string; name: string } }).result.id, body]),
);
for (const body of [ckanShowA, ckanShowB, ckanShowC]) CKAN_SHOW[(body as { result: { name: string } }).result.name] = body;

/**
 * The catalog API of the reference backend, in memory, from the same seed generator:
 * search with filters, facets and paging, items, access requests and their review.
 */
const ITEMS: CatalogItem[] = catalogSeed();
const byId = new Map(ITEMS.map((item) => [item.id, item]));
const agencyName = (code: string) => AGENCIES.find((a) => a.code === code)?.name ?? code;

let requests: AccessRequest[] = [];
let sequence = 0;

function makeRequest(partial: Partial<AccessRequest> & { itemId: string; requesterId: string; status: AccessRequest['status'] }): AccessRequest {
  const item = byId.get(partial.itemId)!;
  sequence++;
  return {
    id: `AR-${String(sequence).padStart(6, '0')}`,
    itemName: item.name,
    requesterName: '王五',
    requesterAgency: { code: '330000-SJ', name: agencyName('330000-SJ') },
    providerAgency: item.agency,
    purpose: '开展“一件事”联办，核验申请人信息',
    legalBasis: '《浙江省公共数据和电子政务管理办法》第二十二条',
    fields: [],
    desensitized: false,
    createdAt: new Date(Date.UTC(2026, 10, 20, 2, sequence)).toISOString(),
    ...partial,
  };
}

/** Back to the seed: staff-001 has one request in each state, reviewer-001 a queue. */
export function resetCatalogMocks(): void {
  sequence = 0;
  requests = [
    // Asks for a copy of the whole data set too (SPEC §7): the reviewer may allow it.
    makeRequest({ itemId: SEED_IDS.restrictedGA, requesterId: 'staff-001', status: 'pending', copy: true }),
    makeRequest({
      itemId: SEED_IDS.unconditionalGA, requesterId: 'staff-001', status: 'approved',
      decision: { decision: 'approve', reason: '无条件共享，自动通过', deciderId: 'system', decidedAt: new Date(Date.UTC(2026, 10, 20, 3)).toISOString() },
    }),
    makeRequest({
      itemId: SEED_IDS.noneGAConditional, requesterId: 'staff-001', status: 'rejected', desensitized: true,
      decision: { decision: 'reject', reason: '用途与申请的数据项不相符，请补充说明', deciderId: 'reviewer-001', decidedAt: new Date(Date.UTC(2026, 10, 21, 1)).toISOString() },
    }),
    makeRequest({ itemId: SEED_IDS.noneGA, requesterId: 'staff-001', status: 'pending', desensitized: true, fields: ['xm', 'xb'] }),
  ];
}
resetCatalogMocks();

const label = (facet: string, value: string) =>
  facet === 'sharing' ? SHARING_LABELS[value as keyof typeof SHARING_LABELS] ?? value
  : facet === 'open' ? OPEN_LABELS[value as keyof typeof OPEN_LABELS] ?? value
  : facet === 'frequency' ? FREQUENCY_LABELS[value as keyof typeof FREQUENCY_LABELS] ?? value
  : agencyName(value);

const isStaff = (request: Request) => {
  const subject = storySubject(request);
  return subject && (subject.kind === 'staff' || subject.kind === 'reviewer') ? subject : undefined;
};

export const catalogHandlers: HttpHandler[] = [
  http.get('*/ckan/api/3/action/package_search', () => HttpResponse.json(ckanSearch)),
  http.get('*/ckan/api/3/action/package_show', ({ request }) => {
    const found = CKAN_SHOW[new URL(request.url).searchParams.get('id') ?? ''];
    return found ? HttpResponse.json(found) : HttpResponse.json({ success: false, error: { message: 'Not found', __type: 'Not Found Error' } }, { status: 404 });
  }),
  // `api-base="/api-slow"` never answers (the loading state); `/api-broken` always fails (the error state).
  http.get('*/api-slow/*', async () => {
    await delay('infinite');
    return new HttpResponse(null, { status: 204 });
  }),
  http.all('*/api-broken/*', () => apiError(503, 'SERVER_ERROR', 'Injected failure')),
  http.get('*/api/catalog/items', async ({ request }) => {
    const url = new URL(request.url);
    const scope = url.searchParams.get('scope') === 'sharing' ? 'sharing' : 'open';
    if (scope === 'sharing') {
      const subject = storySubject(request);
      if (!subject) return apiError(401, 'UNAUTHENTICATED', 'Sign-in is required');
      if (!isStaff(request)) return apiError(403, 'FORBIDDEN', 'Agency staff only');
    }
    const q = (url.searchParams.get('q') ?? '').slice(0, 200);
    const sort = (['relevance', 'updated', 'name'] as CatalogSort[]).find((s) => s === url.searchParams.get('sort')) ?? 'relevance';
    const query: CatalogQuery = {
      scope, q, sort,
      agency: url.searchParams.getAll('agency'),
      sharing: url.searchParams.getAll('sharing'),
      open: url.searchParams.getAll('open'),
      frequency: url.searchParams.getAll('frequency'),
      page: Number(url.searchParams.get('page')) || 1,
      pageSize: Number(url.searchParams.get('pageSize')) || 20,
    };
    const visible = scope === 'open' ? ITEMS.filter((i) => i.open !== 'closed') : ITEMS;
    return HttpResponse.json(searchInMemory(visible, query, label));
  }),

  http.get('*/api/catalog/items/:id', async ({ request, params }) => {
    const item = byId.get(String(params.id));
    if (!item || (item.open === 'closed' && !isStaff(request))) return apiError(404, 'NOT_FOUND', 'No such catalog entry');
    return HttpResponse.json(item);
  }),

  http.post('*/api/catalog/items/:id/access-requests', async ({ request, params }) => {
    const subject = storySubject(request);
    if (!subject) return apiError(401, 'UNAUTHENTICATED', 'Sign-in is required');
    if (!isStaff(request)) return apiError(403, 'FORBIDDEN', 'Agency staff only');
    const item = byId.get(String(params.id));
    if (!item) return apiError(404, 'NOT_FOUND', 'No such catalog entry');
    const body = (await request.json()) as { purpose?: string; legalBasis?: string; fields?: string[]; desensitized?: boolean; copy?: boolean };
    if (!body.purpose?.trim() || !body.legalBasis?.trim()) return apiError(422, 'VALIDATION_FAILED', 'purpose and legalBasis are required');
    if (item.sharing === 'none' && body.desensitized !== true) return apiError(403, 'NOT_SHAREABLE', 'Non-shared data is given out only desensitised');
    const created = makeRequest({
      // A copy always waits for a reviewer (SPEC §7).
      itemId: item.id, requesterId: subject.id, status: item.sharing === 'unconditional' && body.copy !== true ? 'approved' : 'pending', copy: body.copy === true,
      requesterName: subject.name,
      requesterAgency: { code: subject.agencyCode ?? '', name: agencyName(subject.agencyCode ?? '') },
      purpose: body.purpose, legalBasis: body.legalBasis, fields: body.fields ?? [], desensitized: body.desensitized === true,
      createdAt: new Date().toISOString(),
    });
    requests.push(created);
    return HttpResponse.json(created, { status: 201 });
  }),

  http.get('*/api/access-requests', ({ request }) => {
    const subject = isStaff(request);
    if (!subject) return storySubject(request) ? apiError(403, 'FORBIDDEN', 'Agency staff only') : apiError(401, 'UNAUTHENTICATED', 'Sign-in is required');
    const mine = subject.kind === 'reviewer'
      ? requests.filter((r) => r.providerAgency.code === subject.agencyCode)
      : requests.filter((r) => r.requesterId === subject.id);
    return HttpResponse.json(mine);
  }),

  http.post('*/api/access-requests/:id/decision', async ({ request, params }) => {
    const subject = isStaff(request);
    if (!subject) return apiError(401, 'UNAUTHENTICATED', 'Sign-in is required');
    const found = requests.find((r) => r.id === params.id);
    if (!found) return apiError(404, 'NOT_FOUND', 'No such request');
    if (subject.kind !== 'reviewer' || subject.agencyCode !== found.providerAgency.code) return apiError(403, 'FORBIDDEN', 'Only a reviewer of the providing agency decides');
    if (found.status !== 'pending') return apiError(409, 'CONFLICT', 'Already decided');
    const body = (await request.json()) as { decision?: string; reason?: string };
    if (body.decision !== 'approve' && body.decision !== 'reject') return apiError(400, 'BAD_REQUEST', 'decision must be approve or reject');
    if (body.decision === 'reject' && !body.reason?.trim()) return apiError(422, 'VALIDATION_FAILED', 'A rejection needs a reason');
    found.status = body.decision === 'approve' ? 'approved' : 'rejected';
    found.decision = { decision: body.decision, reason: body.reason ?? '', deciderId: subject.id, decidedAt: new Date().toISOString() };
    return HttpResponse.json(found);
  }),
];
