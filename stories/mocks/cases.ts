import { delay, http, HttpResponse, type HttpHandler } from 'msw';
import { AGENCIES } from '../../server/seed/data/agencies';
import { CERTIFICATE_SEEDS, CERTIFICATE_TYPE_NAMES } from '../../server/seed/data/certificates';
import { EXAMPLE_ANSWERS, SERVICES } from '../../server/seed/data/services';
import { SUBJECTS } from '../../server/seed/data/subjects';
import { canonicalBytes, generateSm2KeyPair, sealCertificate, sm2Sign } from '../../src/core/crypto';
import { prepareSignature, signSm2Envelope } from '../../src/core/crypto/sign';
import type { Certificate } from '../../src/core/crypto';
import type { ApplicationDetail, ApplicationStatus, ArchivalRecord, CaseMaterial, CorrectionItem, DecisionAction, HistoryEvent } from '../../src/core/case-types';
import { maskIdNumber } from '../../src/services/certificates';
import { signedPayload } from '../../src/services/cases';
import { STORY_TRUST_LIST } from './certificates';
import { apiError, storySubject } from './session';

/**
 * Mocked API of cases (SPEC §6), in the shapes of src/core/case-types.ts: the officers'
 * queue and decisions, the applicant's applications, withdrawal, resubmission, uploads and
 * the archival record. Signatures and seals are made here with keys generated when the
 * handlers load, so the elements' checks in the browser are real: a story that alters an
 * answer after signing shows a signature that does not match.
 */

const applicantKey = { keyId: 'story-applicant-key', ...generateSm2KeyPair() };
const agencyKeys = new Map(['330000-GA', '330000-SC'].map((code) => [code, { keyId: `STORY-${code}-CASES`, ...generateSm2KeyPair() }]));
for (const [code, key] of agencyKeys) {
  STORY_TRUST_LIST.push({
    keyId: key.keyId,
    agency: { code, name: AGENCIES.find((a) => a.code === code)!.name },
    algorithm: 'SM2-SM3',
    publicKey: key.publicKey,
    validFrom: '2020-01-01T00:00:00+08:00',
    validTo: '2035-12-31T23:59:59+08:00',
  });
}

const agencyOf = (code: string) => AGENCIES.find((a) => a.code === code)!;
const subject = (id: string) => SUBJECTS.find((s) => s.id === id)!;
const officerOf = (agency: string) => SUBJECTS.find((s) => s.kind === 'officer' && s.agencyCode === agency)!;

function certificateFor(seedId: string, options: { tampered?: boolean } = {}): Certificate {
  const seed = CERTIFICATE_SEEDS.find((s) => s.id === seedId)!;
  const holder = subject(seed.holderSubjectId);
  const issuer = agencyOf(seed.issuerCode);
  const content = {
    number: seed.number,
    type: { code: seed.typeCode, name: CERTIFICATE_TYPE_NAMES[seed.typeCode]!.name },
    holder: { name: holder.name, idNumberMasked: maskIdNumber(holder.idNumber ?? '') },
    issuer: { code: issuer.code, name: issuer.name },
    issuedAt: seed.issuedAt,
    validUntil: seed.validUntil,
    data: seed.data,
  };
  const key = agencyKeys.get(issuer.code) ?? agencyKeys.get('330000-GA')!;
  const seal = sealCertificate(content, key);
  const certificate: Certificate = { id: seed.id, ...content, status: 'valid', seal };
  if (options.tampered) certificate.data = { ...certificate.data, address: '浙江省宁波市海曙区中山路 1 号' };
  return certificate;
}

function sign(detail: ApplicationDetail): ApplicationDetail {
  const { content, bytes } = prepareSignature(signedPayload(detail), subject(detailOwner.get(detail.id)!).id, null, detail.submittedAt);
  return { ...detail, signature: signSm2Envelope(content, bytes, applicantKey) };
}

const DAY = 86_400_000;
const at = (daysAgo: number, hour = 10) => new Date(Math.floor(Date.now() / DAY) * DAY - daysAgo * DAY + hour * 3_600_000).toISOString();
const applicantActor = (id: string) => ({ kind: 'applicant' as const, name: subject(id).name });
const officerActor = (agency: string) => ({ kind: 'officer' as const, name: officerOf(agency).name, agency: { code: agency, name: agencyOf(agency).name } });

const detailOwner = new Map<string, string>();
let cases = new Map<string, ApplicationDetail>();
const decisionsByKey = new Map<string, ApplicationDetail>();
let certificateCounter = 0;

interface Seed {
  id: string;
  service: string;
  owner: string;
  status: ApplicationStatus;
  submittedDaysAgo: number;
  dueInDays?: number;
  corrections?: CorrectionItem[];
  tamper?: boolean;
  tamperSeal?: boolean;
}

function build(seed: Seed, index: number): ApplicationDetail {
  const service = SERVICES.find((s) => s.code === seed.service)!;
  const agency = service.agency.code;
  const data = { ...(EXAMPLE_ANSWERS[seed.service] ?? {}) } as Record<string, unknown>;
  if (seed.owner === 'citizen-001' && 'fatherName' in data) data.fatherName = subject('citizen-001').name;
  const materials: CaseMaterial[] = (service.materials ?? []).map((m, i) => {
    const held = m.certificateType ? CERTIFICATE_SEEDS.find((c) => c.holderSubjectId === seed.owner && c.typeCode === m.certificateType && !c.revoked) : undefined;
    if (held) {
      const certificate = certificateFor(held.id, { tampered: !!seed.tamperSeal && i === 1 });
      return { code: m.code, certificateId: held.id, certificate };
    }
    const uploadId = `story-upload-${seed.id}-${m.code}`;
    return { code: m.code, uploadId, upload: { uploadId, size: 182_044 + i * 1000, mediaType: 'application/pdf', sm3: '5e'.repeat(32) } };
  });
  const submittedAt = at(seed.submittedDaysAgo);
  const history: HistoryEvent[] = [{ at: submittedAt, action: 'submitted', actor: applicantActor(seed.owner) }];
  let decision: ApplicationDetail['decision'];
  const officer = officerActor(agency);
  const step = (days: number, action: HistoryEvent['action'], extra: Partial<HistoryEvent> = {}) => history.push({ at: at(seed.submittedDaysAgo - days, 11), action, actor: officer, ...extra });
  if (['accepted', 'approved', 'refused'].includes(seed.status)) step(1, 'accepted');
  if (seed.status === 'correction_requested') step(1, 'correction_requested', { items: seed.corrections ?? [] });
  if (seed.status === 'approved') {
    step(2, 'approved');
    decision = { action: 'approve', at: at(seed.submittedDaysAgo - 2, 11), officer: { name: officer.name, agency: officer.agency } };
  }
  if (seed.status === 'refused') {
    const extra = { reason: '申请人提交的居住证明与实际居住地址不一致。', legalBasis: '《居住证暂行条例》第九条' };
    step(2, 'refused', extra);
    decision = { action: 'refuse', ...extra, at: at(seed.submittedDaysAgo - 2, 11), officer: { name: officer.name, agency: officer.agency } };
  }
  if (seed.status === 'not_accepted') {
    const extra = { reason: '申请事项不属于本机关职责范围，请向户籍所在地公安机关申请。', legalBasis: '《浙江省公共数据和电子政务管理办法》第三十条' };
    step(1, 'not_accepted', extra);
    decision = { action: 'not_accept', ...extra, at: at(seed.submittedDaysAgo - 1, 11), officer: { name: officer.name, agency: officer.agency } };
  }
  if (seed.status === 'withdrawn') history.push({ at: at(seed.submittedDaysAgo - 1), action: 'withdrawn', actor: applicantActor(seed.owner), reason: '信息填写有误，重新申请' });
  detailOwner.set(seed.id, seed.owner);
  let detail: ApplicationDetail = {
    id: seed.id,
    receiptNo: `ZJ${agency.slice(-2)}-20261127-${String(200100 + index)}`,
    serviceCode: seed.service,
    serviceName: service.name,
    applicant: { name: subject(seed.owner).name },
    status: seed.status,
    version: 1,
    submittedAt,
    data,
    materials,
    signature: null,
    history,
    ...(seed.corrections ? { corrections: seed.corrections } : {}),
    ...(decision ? { decision } : {}),
    ...(seed.dueInDays !== undefined ? { dueAt: new Date(Date.now() + seed.dueInDays * DAY).toISOString() } : {}),
  };
  detail = sign(detail);
  if (seed.status === 'approved' && service.issues) detail.certificateId = `story-issued-${seed.id}`;
  if (seed.tamper) detail.data = { ...detail.data, birthPlace: '浙江省人民医院' };
  return detail;
}

/** The cases every story starts from; `reset` puts them back. */
export const STORY_CASES = {
  submitted: 'case-submitted',
  overdue: 'case-overdue',
  correction: 'case-correction',
  approved: 'case-approved',
  refused: 'case-refused',
  withdrawn: 'case-withdrawn',
  tampered: 'case-tampered',
  badSeal: 'case-bad-seal',
  conflict: 'case-conflict',
  accepted: 'case-accepted',
  notAccepted: 'case-not-accepted',
};

const SEEDS: Seed[] = [
  { id: STORY_CASES.overdue, service: 'residence-permit', owner: 'citizen-002', status: 'accepted', submittedDaysAgo: 20, dueInDays: -3 },
  { id: STORY_CASES.submitted, service: 'birth-registration', owner: 'citizen-001', status: 'submitted', submittedDaysAgo: 1 },
  { id: STORY_CASES.correction, service: 'birth-registration', owner: 'citizen-001', status: 'correction_requested', submittedDaysAgo: 4,
    corrections: [
      { path: '/birthPlace', reason: '出生地点应与出生医学证明上的医院名称一致。' },
      { material: 'birth-medical-certificate', reason: '上传的出生医学证明不清晰，请重新上传清晰的扫描件。' },
    ] },
  { id: STORY_CASES.approved, service: 'birth-registration', owner: 'citizen-001', status: 'approved', submittedDaysAgo: 9, dueInDays: 6 },
  { id: STORY_CASES.refused, service: 'residence-permit', owner: 'citizen-001', status: 'refused', submittedDaysAgo: 12, dueInDays: 2 },
  { id: STORY_CASES.withdrawn, service: 'birth-registration', owner: 'citizen-002', status: 'withdrawn', submittedDaysAgo: 6 },
  { id: STORY_CASES.tampered, service: 'birth-registration', owner: 'citizen-001', status: 'submitted', submittedDaysAgo: 2, tamper: true },
  { id: STORY_CASES.badSeal, service: 'birth-registration', owner: 'citizen-001', status: 'submitted', submittedDaysAgo: 3, tamperSeal: true },
  { id: STORY_CASES.conflict, service: 'residence-permit', owner: 'citizen-002', status: 'submitted', submittedDaysAgo: 2 },
  { id: STORY_CASES.accepted, service: 'birth-registration', owner: 'citizen-001', status: 'accepted', submittedDaysAgo: 5, dueInDays: 9 },
  { id: STORY_CASES.notAccepted, service: 'residence-permit', owner: 'citizen-001', status: 'not_accepted', submittedDaysAgo: 7 },
];

/** Puts every mocked case back as it was. */
export function resetCaseMocks(): void {
  cases = new Map(SEEDS.map((seed, i) => [seed.id, build(seed, i)]));
  decisionsByKey.clear();
}
resetCaseMocks();

/** Whether the applicant's list comes from these cases; other stories keep the applications mocks' list. */
let answeringApplicants = false;

/** For a story's `beforeEach`: fresh cases, which also answer the applicant's list until the story ends. */
export function useCaseMocks(): () => void {
  resetCaseMocks();
  answeringApplicants = true;
  return () => {
    answeringApplicants = false;
  };
}

const agencyOfCase = (c: ApplicationDetail) => SERVICES.find((s) => s.code === c.serviceCode)!.agency.code;
const dueOrder = (c: ApplicationDetail) => c.dueAt ?? '9999';

const TRANSITIONS: Record<DecisionAction, { from: ApplicationStatus; to: ApplicationStatus; history: HistoryEvent['action']; needs: Array<'reason' | 'legalBasis'> }> = {
  accept: { from: 'submitted', to: 'accepted', history: 'accepted', needs: [] },
  request_correction: { from: 'submitted', to: 'correction_requested', history: 'correction_requested', needs: [] },
  not_accept: { from: 'submitted', to: 'not_accepted', history: 'not_accepted', needs: ['reason', 'legalBasis'] },
  approve: { from: 'accepted', to: 'approved', history: 'approved', needs: [] },
  refuse: { from: 'accepted', to: 'refused', history: 'refused', needs: ['reason', 'legalBasis'] },
};

function fieldsError(status: number, code: string, message: string, fields: Array<{ path: string; message: string }>) {
  return HttpResponse.json({ error: { code, message, fields } }, { status });
}

function recordOf(c: ApplicationDetail): ArchivalRecord {
  const key = agencyKeys.get(agencyOfCase(c))!;
  const body = {
    application: c,
    materials: c.materials.map((m) => ({ code: m.code, ...(m.certificateId ? { certificateId: m.certificateId } : { uploadId: m.uploadId! }), sm3: m.upload?.sm3 ?? '7a'.repeat(32) })),
    history: c.history,
    decision: c.decision!,
    sealedAt: c.history.at(-1)?.at ?? c.submittedAt,
  };
  return { ...body, seal: { keyId: key.keyId, algorithm: 'SM2-SM3', signature: sm2Sign(canonicalBytes(body), key.privateKey, key.publicKey) } } as ArchivalRecord;
}

/** A tiny valid PDF, what every mocked upload opens as. */
const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

export const caseHandlers: HttpHandler[] = [
  // These come before the other areas' handlers, so the failing bases they know are repeated here.
  http.all('*/story-broken/api/*', () => apiError(500, 'SERVER_ERROR', 'Injected failure')),
  http.all('*/story-slow-cases/api/*', async () => {
    await delay('infinite');
    return apiError(504, 'TIMEOUT', 'Never answered');
  }),
  http.get('*/api/cases', ({ request }) => {
    const who = storySubject(request);
    if (!who) return apiError(401, 'UNAUTHENTICATED', 'Sign-in is required');
    if (who.kind !== 'officer') return apiError(403, 'FORBIDDEN', 'Only officers see cases');
    const url = new URL(request.url);
    const status = url.searchParams.get('status');
    const service = url.searchParams.get('service');
    const page = Math.max(1, Number(url.searchParams.get('page') ?? 1));
    const pageSize = Math.min(100, Math.max(1, Number(url.searchParams.get('pageSize') ?? 20)));
    const all = [...cases.values()]
      .filter((c) => agencyOfCase(c) === who.agencyCode && (!status || c.status === status) && (!service || c.serviceCode === service))
      .sort((a, b) => dueOrder(a).localeCompare(dueOrder(b)) || a.submittedAt.localeCompare(b.submittedAt));
    const items = all.slice((page - 1) * pageSize, page * pageSize).map((c) => ({
      id: c.id, receiptNo: c.receiptNo, serviceCode: c.serviceCode, applicant: c.applicant, status: c.status, submittedAt: c.submittedAt, ...(c.dueAt ? { dueAt: c.dueAt } : {}),
    }));
    return HttpResponse.json({ items, total: all.length, page, pageSize });
  }),
  http.get('*/api/cases/:id', ({ request, params }) => {
    const who = storySubject(request);
    if (!who) return apiError(401, 'UNAUTHENTICATED', 'Sign-in is required');
    const c = cases.get(String(params.id));
    if (!c || who.kind !== 'officer' || agencyOfCase(c) !== who.agencyCode) return apiError(404, 'NOT_FOUND', 'No such case');
    return HttpResponse.json(c);
  }),
  http.post('*/api/cases/:id/decisions', async ({ request, params }) => {
    const who = storySubject(request);
    if (!who) return apiError(401, 'UNAUTHENTICATED', 'Sign-in is required');
    const c = cases.get(String(params.id));
    if (!c || who.kind !== 'officer' || agencyOfCase(c) !== who.agencyCode) return apiError(404, 'NOT_FOUND', 'No such case');
    const key = request.headers.get('idempotency-key') ?? '';
    if (key && decisionsByKey.has(key)) return HttpResponse.json(decisionsByKey.get(key));
    const body = (await request.json()) as { action?: DecisionAction; reason?: string; legalBasis?: string; items?: CorrectionItem[] };
    const rule = body.action ? TRANSITIONS[body.action] : undefined;
    if (!rule) return fieldsError(400, 'BAD_REQUEST', 'The request is not valid', [{ path: 'action', message: 'Choose an action' }]);
    const missing = rule.needs.filter((n) => !body[n]?.trim());
    if (missing.length) return fieldsError(400, 'BAD_REQUEST', 'The request is not valid', missing.map((n) => ({ path: n, message: n === 'reason' ? 'Give the reason for this decision' : 'Give the legal basis (the provision) for this decision' })));
    if (body.action === 'request_correction' && !body.items?.length) return fieldsError(400, 'BAD_REQUEST', 'The request is not valid', [{ path: 'items', message: 'Name at least one answer or material to correct' }]);
    const officer = officerActor(who.agencyCode!);
    if (c.id === STORY_CASES.conflict && c.status === 'submitted') {
      // A colleague got there first.
      const now = new Date().toISOString();
      cases.set(c.id, { ...c, status: 'accepted', dueAt: new Date(Date.now() + 14 * DAY).toISOString(), history: [...c.history, { at: now, action: 'accepted', actor: { ...officer, name: '郑十一' } }] });
      return apiError(409, 'INVALID_TRANSITION', 'Another officer decided this case first');
    }
    if (c.status !== rule.from) return apiError(409, 'INVALID_TRANSITION', `A ${c.status} case cannot be decided so`);
    const now = new Date().toISOString();
    const event: HistoryEvent = { at: now, action: rule.history, actor: officer, ...(body.reason ? { reason: body.reason } : {}), ...(body.legalBasis ? { legalBasis: body.legalBasis } : {}), ...(body.items ? { items: body.items } : {}) };
    const next: ApplicationDetail = { ...c, status: rule.to, history: [...c.history, event] };
    if (body.action === 'accept') next.dueAt = new Date(Date.now() + 14 * DAY).toISOString();
    if (body.action === 'request_correction') next.corrections = body.items!;
    if (['approve', 'refuse', 'not_accept'].includes(body.action!)) {
      next.decision = { action: body.action!, ...(body.reason ? { reason: body.reason } : {}), ...(body.legalBasis ? { legalBasis: body.legalBasis } : {}), at: now, officer: { name: officer.name, agency: officer.agency } };
    }
    if (body.action === 'approve' && SERVICES.find((s) => s.code === c.serviceCode)?.issues) {
      next.certificateId = `story-issued-${++certificateCounter}`;
      next.history = [...next.history, { at: now, action: 'certificate_issued', actor: { kind: 'system', name: officer.agency.name } }];
    }
    cases.set(c.id, next);
    if (key) decisionsByKey.set(key, next);
    return HttpResponse.json(next);
  }),

  // The applicant's side: answered here in the stories of cases, for the applicants these
  // cases belong to, and passed on to the applications mocks otherwise.
  http.get('*/api/applications', ({ request }) => {
    const who = storySubject(request);
    if (!who || !answeringApplicants) return undefined;
    const mine = [...cases.values()].filter((c) => detailOwner.get(c.id) === who.id);
    if (!mine.length) return undefined;
    return HttpResponse.json(mine);
  }),
  http.get('*/api/applications/:id', ({ request, params }) => {
    const who = storySubject(request);
    const c = cases.get(String(params.id));
    if (!c) return undefined;
    if (!who) return apiError(401, 'UNAUTHENTICATED', 'Sign-in is required');
    if (detailOwner.get(c.id) !== who.id) return apiError(404, 'NOT_FOUND', 'No such application');
    return HttpResponse.json(c);
  }),
  http.post('*/api/applications/:id/withdrawal', async ({ request, params }) => {
    const who = storySubject(request);
    const c = cases.get(String(params.id));
    if (!who || !c || detailOwner.get(c.id) !== who.id) return apiError(404, 'NOT_FOUND', 'No such application');
    if (c.status !== 'submitted' && c.status !== 'correction_requested') return apiError(409, 'INVALID_TRANSITION', 'Only an open application can be withdrawn');
    const body = (await request.json().catch(() => ({}))) as { reason?: string };
    const next: ApplicationDetail = { ...c, status: 'withdrawn', history: [...c.history, { at: new Date().toISOString(), action: 'withdrawn', actor: applicantActor(who.id), ...(body.reason ? { reason: body.reason } : {}) }] };
    delete next.corrections;
    cases.set(c.id, next);
    return HttpResponse.json(next);
  }),
  http.post('*/api/applications/:id/resubmissions', async ({ request, params }) => {
    const who = storySubject(request);
    const c = cases.get(String(params.id));
    if (!who || !c || detailOwner.get(c.id) !== who.id) return apiError(404, 'NOT_FOUND', 'No such application');
    if (c.status !== 'correction_requested') return apiError(409, 'INVALID_TRANSITION', 'No correction was requested');
    const body = (await request.json()) as { data: Record<string, unknown>; materials: Array<{ code: string; certificateId?: string; uploadId?: string }>; signature: ApplicationDetail['signature'] };
    const materials: CaseMaterial[] = body.materials.map((m) => c.materials.find((o) => o.code === m.code && (o.certificateId ?? o.uploadId) === (m.certificateId ?? m.uploadId))
      ?? (m.certificateId ? { code: m.code, certificateId: m.certificateId } : { code: m.code, uploadId: m.uploadId!, upload: { uploadId: m.uploadId!, size: 1024, mediaType: 'application/pdf', sm3: '00'.repeat(32) } }));
    const next: ApplicationDetail = { ...c, status: 'submitted', version: c.version + 1, data: body.data, materials, signature: body.signature, history: [...c.history, { at: new Date().toISOString(), action: 'resubmitted', actor: applicantActor(who.id) }] };
    delete next.corrections;
    cases.set(c.id, next);
    return HttpResponse.json(next, { status: 201 });
  }),
  http.get('*/api/applications/:id/record', ({ request, params }) => {
    const who = storySubject(request);
    const c = cases.get(String(params.id));
    if (!who || !c) return apiError(404, 'NOT_FOUND', 'No such application');
    if (!['approved', 'refused', 'not_accepted', 'withdrawn'].includes(c.status) || !c.decision) return apiError(409, 'INVALID_TRANSITION', 'The case is not closed yet');
    return HttpResponse.json(recordOf(c));
  }),
  http.get('*/api/certificates/:id', ({ request, params }) => {
    if (!String(params.id).startsWith('story-issued-')) return undefined;
    if (!storySubject(request)) return apiError(401, 'UNAUTHENTICATED', 'Sign-in is required');
    const holder = subject('citizen-001');
    const issuer = agencyOf('330000-GA');
    const content = {
      number: 'ZJCS-2026-330106-0042', type: { code: 'birth-registration-record', name: '出生登记证明' },
      holder: { name: holder.name, idNumberMasked: maskIdNumber(holder.idNumber ?? '') }, issuer: { code: issuer.code, name: issuer.name },
      issuedAt: at(7), validUntil: '2046-11-27T00:00:00+08:00', data: { childName: EXAMPLE_ANSWERS['birth-registration']?.childName ?? '' },
    };
    return HttpResponse.json({ id: String(params.id), ...content, status: 'valid', seal: sealCertificate(content, agencyKeys.get('330000-GA')!) } satisfies Certificate);
  }),
  http.get('*/api/uploads/:id', () => new HttpResponse(PDF, { headers: { 'Content-Type': 'application/pdf', 'Content-Disposition': 'attachment', 'X-Content-Type-Options': 'nosniff' } })),
];
