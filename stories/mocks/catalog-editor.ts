import { delay, http, HttpResponse, type HttpHandler } from 'msw';
import { AGENCIES } from '../../server/seed/data/agencies';
import type {
  CatalogueEntryDetail,
  CatalogueEntryInput,
  CatalogueEntryStatus,
  CatalogueEntryVersion,
  CatalogueField,
  CatalogueHistoryEvent,
  CatalogueReviewInput,
} from '../../src/core/catalog-types';
import { checkEntry } from '../../src/components/catalog-editor/entry-rules';
import { translate } from '../../src/core/i18n';
import '../../src/i18n/catalog-editor';
import { apiError, storySubject } from './session';

/**
 * Mocked API of cataloguing (SPEC §8), in the shapes of src/core/catalog-types.ts: the
 * steward's entries of 330000-WJ in every state (one published with a new version under
 * way, so the difference shows), the data office's queue and review, withdrawal and the CSV
 * import, checked line by line like the server (a bad date on line 17 is refused).
 */

const AGENCY = AGENCIES.find((a) => a.code === '330000-WJ') ?? { code: '330000-WJ', name: '省卫生健康委员会' };
const at = (day: number, hour = 9) => `2026-11-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00+08:00`;

const BIRTH_FIELDS: CatalogueField[] = [
  { name: 'csyxzmbh', label: '出生医学证明编号', type: 'code', sensitivity: 'none', description: '出生医学证明的编号' },
  { name: 'csrq', label: '出生日期', type: 'date', sensitivity: 'none', description: '日期，格式 YYYY-MM-DD' },
  { name: 'csdd', label: '出生地点', type: 'string', sensitivity: 'none', description: '县（市、区）' },
];
const OPENED: CatalogueField = { name: 'ksrq', label: '开设日期', type: 'date', sensitivity: 'none', description: '日期，格式 YYYY-MM-DD' };
const HOSPITAL_FIELDS: CatalogueField[] = [
  { name: 'yljgdm', label: '医疗机构代码', type: 'code', sensitivity: 'none', description: '统一社会信用代码' },
  { name: 'yljgmc', label: '医疗机构名称', type: 'string', sensitivity: 'none', description: '机构全称' },
  { name: 'cws', label: '床位数', type: 'integer', sensitivity: 'none', description: '核定床位数' },
];

function base(name: string, summary: string, fields: CatalogueField[], extra: Partial<CatalogueEntryInput> = {}): CatalogueEntryInput {
  return { name, summary, sharing: 'unconditional', open: 'open', updateFrequency: 'monthly', formats: ['csv', 'json'], domain: '卫生健康', tags: ['医疗'], fields, ...extra };
}

function version(input: CatalogueEntryInput, n: number, state: CatalogueEntryVersion['state'], day: number): CatalogueEntryVersion {
  return { ...structuredClone(input), version: n, state, createdAt: at(day), updatedAt: at(day), importedRows: null, ...(state === 'published' || state === 'superseded' ? { publishedAt: at(day, 15) } : {}) };
}

function event(action: CatalogueHistoryEvent['action'], day: number, n: number, extra: Partial<CatalogueHistoryEvent> = {}): CatalogueHistoryEvent {
  const office = action === 'published' || action === 'returned';
  return { at: at(day, office ? 15 : 10), action, actor: office ? '郑十' : '吴九', actorRole: office ? 'data-office' : 'steward', version: n, ...extra };
}

function entry(id: string, status: CatalogueEntryStatus, versions: CatalogueEntryVersion[], history: CatalogueHistoryEvent[], extra: Partial<CatalogueEntryDetail> = {}): CatalogueEntryDetail {
  const working = versions[versions.length - 1]!;
  const { version: n, state: _state, createdAt: _c, updatedAt, publishedAt: _p, importedRows, ...input } = working;
  return {
    ...input, id, agency: { code: AGENCY.code, name: AGENCY.name }, status, version: n, createdAt: versions[0]!.createdAt, updatedAt,
    rowCount: 0, importedRows, history, versions, ...extra,
  };
}

export const STORY_ENTRIES = {
  draft: '330000-WJ-E000101',
  submitted: '330000-WJ-E000102',
  published: '330000-WJ-E000103',
  newVersion: '330000-WJ-E000104',
  returned: '330000-WJ-E000105',
  withdrawn: '330000-WJ-E000106',
} as const;

let entries = new Map<string, CatalogueEntryDetail>();
let serial = 200;

export function resetCatalogueEntryMocks(): void {
  serial = 200;
  const birth = base('出生医学证明信息', '全省各助产机构签发的出生医学证明信息。', BIRTH_FIELDS, { sharing: 'restricted', sharingCondition: '仅供户籍登记使用', legalBasis: '《中华人民共和国母婴保健法》第二十三条', open: 'closed' });
  const hospitals = base('医疗机构基本信息', '全省医疗机构的名称、代码和床位数。', HOSPITAL_FIELDS);
  const hospitals2 = { ...structuredClone(hospitals), summary: '全省医疗机构的名称、代码、床位数和等级。', updateFrequency: 'quarterly' as const,
    fields: [...structuredClone(HOSPITAL_FIELDS).map((f) => (f.name === 'cws' ? { ...f, label: '核定床位数' } : f)), { name: 'yydj', label: '医院等级', type: 'code' as const, sensitivity: 'none' as const, description: '三级甲等等' }] };
  const list = [
    entry(STORY_ENTRIES.draft, 'draft', [version(base('预防接种门诊信息', '全省预防接种门诊的名称、代码和开设日期。', [...HOSPITAL_FIELDS.slice(0, 2), OPENED]), 1, 'draft', 20)], [event('created', 20, 1)]),
    entry(STORY_ENTRIES.submitted, 'submitted', [version(birth, 1, 'submitted', 18)], [event('created', 16, 1), event('data-imported', 17, 1, { rows: 240 }), event('submitted', 18, 1)], { importedRows: 240 }),
    entry(STORY_ENTRIES.published, 'published', [version(hospitals, 1, 'published', 10)], [event('created', 8, 1), event('submitted', 9, 1), event('published', 10, 1, { checks: { legality: true, privacy: true, security: true } })],
      { publishedVersion: 1, publishedAt: at(10, 15), rowCount: 1200 }),
    entry(STORY_ENTRIES.newVersion, 'submitted', [version(hospitals, 1, 'published', 5), version(hospitals2, 2, 'submitted', 21)],
      [event('created', 3, 1), event('submitted', 4, 1), event('published', 5, 1, { checks: { legality: true, privacy: true, security: true } }), event('new-version', 19, 2), event('submitted', 21, 2)],
      { publishedVersion: 1, publishedAt: at(5, 15), rowCount: 980, name: '医疗机构执业信息' }),
    entry(STORY_ENTRIES.returned, 'returned', [version(base('卫生监督处罚信息', '卫生行政处罚决定的公开信息。', HOSPITAL_FIELDS.slice(0, 2)), 1, 'returned', 15)],
      [event('created', 12, 1), event('submitted', 13, 1), event('returned', 15, 1, { reason: '请补充处罚决定书文号字段。', checks: { legality: true, privacy: false, security: true } })], { reason: '请补充处罚决定书文号字段。' }),
    entry(STORY_ENTRIES.withdrawn, 'withdrawn', [version(base('旧版献血点信息', '已停用的献血点名单。', HOSPITAL_FIELDS.slice(0, 2)), 1, 'withdrawn', 2)],
      [event('created', 1, 1), event('published', 1, 1), event('withdrawn', 2, 1, { reason: '数据已并入新目录。' })], { reason: '数据已并入新目录。' }),
  ];
  list[3]!.versions[0]!.name = '医疗机构执业信息';
  list[3]!.versions[1]!.name = '医疗机构执业信息';
  entries = new Map(list.map((e) => [e.id, e]));
}
resetCatalogueEntryMocks();

/** Stories that change entries start from the seeded ones. */
export function useCatalogueEntryMocks(options: { empty?: boolean } = {}): void {
  resetCatalogueEntryMocks();
  if (options.empty) entries.clear();
}

const summaryOf = ({ history: _h, versions: _v, ...rest }: CatalogueEntryDetail) => rest;
const invalid = (fields: Array<{ path: string; message: string }>) =>
  HttpResponse.json({ error: { code: 'VALIDATION_FAILED', message: 'The entry breaks a cataloguing rule', fields } }, { status: 422 });

function rulesOf(input: CatalogueEntryInput) {
  // The server's messages are in Chinese, as the backend answers.
  return checkEntry(input, '、').map((p) => ({ path: '/' + p.path, message: translate('zh-CN', p.key, p.params) }));
}

function write(e: CatalogueEntryDetail, input: CatalogueEntryInput, day = 22): CatalogueEntryDetail {
  const last = e.versions[e.versions.length - 1]!;
  if (e.status === 'published') {
    e.versions.push({ ...version(input, last.version + 1, 'draft', day) });
    e.history.push(event('new-version', day, last.version + 1));
    e.status = 'draft';
    e.version = last.version + 1;
  } else {
    Object.assign(last, structuredClone(input), { updatedAt: at(day) });
    e.history.push(event('updated', day, e.version));
  }
  Object.assign(e, structuredClone(input), { updatedAt: at(day) });
  return e;
}

/** Line by line as the server checks a CSV (SPEC §8): header = field names, then each cell by its type. */
function checkCsv(text: string, fields: CatalogueField[]): { rows: number; problems: Array<{ path: string; message: string }> } {
  const lines = text.replace(/^\ufeff/, '').split(/\r?\n/).filter((l, i, all) => l !== '' || i < all.length - 1);
  const header = (lines[0] ?? '').split(',');
  const problems: Array<{ path: string; message: string }> = [];
  const missing = fields.filter((f) => !header.includes(f.name));
  if (missing.length) problems.push({ path: 'header', message: `表头缺少字段：${missing.map((f) => f.name).join('、')}` });
  lines.slice(1).forEach((line, i) => {
    const cells = line.split(',');
    header.forEach((name, c) => {
      const field = fields.find((f) => f.name === name);
      const value = cells[c] ?? '';
      if (!field || !value) return;
      if (field.type === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(value)) problems.push({ path: `line ${i + 2} / ${field.label}`, message: `“${value}”不是 YYYY-MM-DD 格式的日期` });
      if (field.type === 'integer' && !/^-?\d+$/.test(value)) problems.push({ path: `line ${i + 2} / ${field.label}`, message: `“${value}”不是整数` });
    });
  });
  return { rows: lines.length - 1, problems: problems.slice(0, 100) };
}

export const catalogueEntryHandlers: HttpHandler[] = [
  http.all('*/story-slow-entries/api/*', async () => {
    await delay('infinite');
    return apiError(504, 'TIMEOUT', 'Never answered');
  }),
  http.all('*/story-broken-entries/api/catalog/entries*', () => apiError(500, 'SERVER_ERROR', 'Injected failure')),
  http.get('*/api/catalog/entries', ({ request }) => {
    const who = storySubject(request);
    if (!who) return apiError(401, 'UNAUTHENTICATED', 'Sign-in is required');
    if (who.kind !== 'steward' && who.kind !== 'data-office') return apiError(403, 'FORBIDDEN', 'Only stewards and the data office see entries');
    const url = new URL(request.url);
    const statuses = url.searchParams.getAll('status');
    const page = Math.max(1, Number(url.searchParams.get('page') ?? 1));
    const pageSize = Math.min(100, Math.max(1, Number(url.searchParams.get('pageSize') ?? 20)));
    const all = [...entries.values()]
      .filter((e) => (who.kind === 'steward' ? e.agency.code === who.agencyCode : e.status === 'submitted'))
      .filter((e) => !statuses.length || statuses.includes(e.status))
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
    return HttpResponse.json({ items: all.slice((page - 1) * pageSize, page * pageSize).map(summaryOf), total: all.length, page, pageSize });
  }),
  http.post('*/api/catalog/entries', async ({ request }) => {
    const who = storySubject(request);
    if (who?.kind !== 'steward') return apiError(403, 'FORBIDDEN', 'Only a steward creates entries');
    const { id: chosen, ...input } = (await request.json()) as CatalogueEntryInput & { id?: string };
    const problems = rulesOf(input);
    if (problems.length) return invalid(problems);
    if (chosen && entries.has(chosen)) return apiError(409, 'ID_TAKEN', `The resource code ${chosen} is already in the catalog`);
    const id = chosen || `${who.agencyCode}-E000${serial++}`;
    const created = entry(id, 'draft', [version(input, 1, 'draft', 22)], [event('created', 22, 1)]);
    entries.set(id, created);
    return HttpResponse.json(created, { status: 201 });
  }),
  http.get('*/api/catalog/entries/:id', ({ request, params }) => {
    const who = storySubject(request);
    const e = entries.get(String(params.id));
    if (!who) return apiError(401, 'UNAUTHENTICATED', 'Sign-in is required');
    if (!e) return apiError(404, 'NOT_FOUND', 'No such entry');
    return HttpResponse.json(e);
  }),
  http.put('*/api/catalog/entries/:id', async ({ request, params }) => {
    const who = storySubject(request);
    const e = entries.get(String(params.id));
    if (!e) return apiError(404, 'NOT_FOUND', 'No such entry');
    if (who?.kind !== 'steward' || who.agencyCode !== e.agency.code) return apiError(403, 'FORBIDDEN', 'Not a steward of this agency');
    if (!['draft', 'returned', 'published'].includes(e.status)) return apiError(409, 'INVALID_TRANSITION', 'The entry cannot be changed now');
    const input = (await request.json()) as CatalogueEntryInput;
    const problems = rulesOf(input);
    if (problems.length) return invalid(problems);
    return HttpResponse.json(write(e, input));
  }),
  http.post('*/api/catalog/entries/:id/submission', ({ request, params }) => {
    const who = storySubject(request);
    const e = entries.get(String(params.id));
    if (!e) return apiError(404, 'NOT_FOUND', 'No such entry');
    if (who?.kind !== 'steward') return apiError(403, 'FORBIDDEN', 'Not a steward of this agency');
    if (e.status !== 'draft' && e.status !== 'returned') return apiError(409, 'INVALID_TRANSITION', 'Only drafts and returned entries are submitted');
    e.status = 'submitted';
    e.versions[e.versions.length - 1]!.state = 'submitted';
    e.history.push(event('submitted', 22, e.version));
    return HttpResponse.json(e);
  }),
  http.post('*/api/catalog/entries/:id/review', async ({ request, params }) => {
    const who = storySubject(request);
    const e = entries.get(String(params.id));
    if (!e) return apiError(404, 'NOT_FOUND', 'No such entry');
    if (who?.kind !== 'data-office') return apiError(403, 'FORBIDDEN', 'Only the data office reviews entries');
    if (e.status !== 'submitted') return apiError(409, 'INVALID_TRANSITION', 'The entry is not awaiting review');
    const body = (await request.json()) as CatalogueReviewInput;
    if (body.decision === 'publish') {
      const unchecked = (['legality', 'privacy', 'security'] as const).filter((c) => body.checks?.[c] !== true);
      if (unchecked.length) return invalid(unchecked.map((c) => ({ path: `/checks/${c}`, message: '发布前必须完成此项审查' })));
      for (const v of e.versions) if (v.state === 'published') v.state = 'superseded';
      e.versions[e.versions.length - 1]!.state = 'published';
      e.status = 'published';
      e.publishedVersion = e.version;
    } else {
      if (!body.reason?.trim()) return invalid([{ path: '/reason', message: '退回时必须写明理由' }]);
      e.status = 'returned';
      e.versions[e.versions.length - 1]!.state = 'returned';
      e.reason = body.reason;
    }
    e.checks = body.checks;
    e.history.push(event(body.decision === 'publish' ? 'published' : 'returned', 22, e.version, { checks: body.checks, ...(body.reason ? { reason: body.reason } : {}) }));
    return HttpResponse.json(e);
  }),
  http.post('*/api/catalog/entries/:id/withdrawal', async ({ request, params }) => {
    const e = entries.get(String(params.id));
    if (!e) return apiError(404, 'NOT_FOUND', 'No such entry');
    const { reason } = (await request.json()) as { reason?: string };
    if (!reason?.trim()) return invalid([{ path: '/reason', message: '请写明撤销理由' }]);
    e.status = 'withdrawn';
    e.reason = reason;
    delete e.publishedVersion;
    e.history.push(event('withdrawn', 22, e.version, { reason }));
    return HttpResponse.json(e);
  }),
  http.post('*/api/catalog/entries/:id/data', async ({ request, params }) => {
    const e = entries.get(String(params.id));
    if (!e) return apiError(404, 'NOT_FOUND', 'No such entry');
    const file = (await request.formData()).get('file');
    if (!(file instanceof Blob)) return invalid([{ path: 'file', message: '请上传一个 CSV 文件' }]);
    const bytes = new Uint8Array(await file.arrayBuffer());
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return invalid([{ path: 'file', message: '文件不是 UTF-8 编码' }]);
    }
    const { rows, problems } = checkCsv(text, e.fields);
    if (problems.length) return invalid(problems);
    e.importedRows = rows;
    e.history.push(event('data-imported', 22, e.version, { rows }));
    return HttpResponse.json({ rows });
  }),
];
