import type { Kysely } from 'kysely';
import type { CatalogueEntryInput, CatalogueEntryStatus, FieldSensitivity, FieldType, ReviewChecks } from '../../src/core/catalog-types';
import type { Schema } from '../store/schema';
import { appendHistory, changeEntry, insertComment, insertEntry, updateVersion, type HistoryFact } from '../cataloguing/store';
import { agencyItems, firstOpenItem, markPublished } from './store';

/**
 * Catalogue entries of 330000-WJ in each state (SPEC §8), so the steward's list and the data
 * office's queue have content on a fresh database: a draft, a submitted one and a returned one;
 * the agency's entries already in the catalog become its published entries; and an open one
 * has public comments, one answered by the agency. A few dozen inserts, fixed times and texts.
 */

const AGENCY = { code: '330000-WJ', name: '浙江省卫生健康委员会' };
const STEWARD = { actorId: 'steward-001', actorName: '吴九', actorRole: 'steward' as const };
const OFFICE = { actorId: 'office-001', actorName: '郑十', actorRole: 'data-office' as const };
const ALL_CHECKS: ReviewChecks = { legality: true, privacy: true, security: true };

export const SEEDED_ENTRY_IDS = {
  draft: '330000-WJ-E000001',
  submitted: '330000-WJ-E000002',
  returned: '330000-WJ-E000003',
} as const;

const DRAFT: CatalogueEntryInput = {
  name: '出生医学证明签发信息',
  summary: '全省助产机构签发的出生医学证明：新生儿姓名、出生日期、母亲姓名及公民身份号码、签发机构。',
  sharing: 'none',
  sharingCondition: '含新生儿及其母亲的个人信息，仅可脱敏后提供',
  legalBasis: '《中华人民共和国母婴保健法》第二十三条；《中华人民共和国个人信息保护法》第二十八条',
  open: 'closed',
  updateFrequency: 'daily',
  formats: ['CSV', 'API'],
  domain: '卫生健康',
  tags: ['出生', '妇幼保健'],
  fields: [
    { name: 'zsbh', label: '证明编号', type: 'code', sensitivity: 'none', description: '出生医学证明编号' },
    { name: 'xsexm', label: '新生儿姓名', type: 'string', sensitivity: 'name', description: '' },
    { name: 'csrq', label: '出生日期', type: 'date', sensitivity: 'other-personal', description: 'YYYY-MM-DD' },
    { name: 'mqxm', label: '母亲姓名', type: 'string', sensitivity: 'name', description: '' },
    { name: 'mqsfhm', label: '母亲公民身份号码', type: 'string', sensitivity: 'id-number', description: 'GB 11643' },
    { name: 'qfjg', label: '签发机构', type: 'string', sensitivity: 'none', description: '' },
  ],
};

const SUBMITTED: CatalogueEntryInput = {
  name: '医疗机构执业登记信息',
  summary: '全省医疗机构的名称、类别、执业地址所在区县、床位数和登记日期，每月更新。',
  sharing: 'unconditional',
  open: 'open',
  updateFrequency: 'monthly',
  formats: ['CSV', 'JSON'],
  domain: '卫生健康',
  tags: ['医疗机构', '执业登记'],
  fields: [
    { name: 'jgmc', label: '机构名称', type: 'string', sensitivity: 'none', description: '' },
    { name: 'jglb', label: '机构类别', type: 'code', sensitivity: 'none', description: 'WS 218 卫生机构分类代码' },
    { name: 'szqx', label: '所在区县', type: 'string', sensitivity: 'none', description: '' },
    { name: 'cws', label: '床位数', type: 'integer', sensitivity: 'none', description: '' },
    { name: 'djrq', label: '登记日期', type: 'date', sensitivity: 'none', description: '' },
  ],
};

const RETURNED: CatalogueEntryInput = {
  name: '预防接种门诊名录',
  summary: '全省预防接种门诊。',
  sharing: 'unconditional',
  open: 'open',
  updateFrequency: 'quarterly',
  formats: ['CSV'],
  domain: '卫生健康',
  tags: ['预防接种'],
  fields: [
    { name: 'mzmc', label: '门诊名称', type: 'string', sensitivity: 'none', description: '' },
    { name: 'szqx', label: '所在区县', type: 'string', sensitivity: 'none', description: '' },
    { name: 'fwsj', label: '服务时间', type: 'string', sensitivity: 'none', description: '' },
  ],
};

async function entry(trx: Kysely<Schema>, id: string, input: CatalogueEntryInput, steps: Array<{ to: CatalogueEntryStatus; fact: Omit<HistoryFact, 'version'>; reason?: string; checks?: ReviewChecks }>): Promise<void> {
  const first = steps[0]!;
  await insertEntry(trx, { id, agencyCode: AGENCY.code, status: 'draft', input, at: first.fact.at });
  let status: CatalogueEntryStatus = 'draft';
  for (const step of steps) {
    if (step.fact.action !== 'created') {
      const published = step.to === 'published';
      await changeEntry(trx, id, { status, version: 1 }, {
        status: step.to, at: step.fact.at, ...(step.checks ? { checks: step.checks } : {}), ...(step.reason ? { reason: step.reason } : {}),
        ...(published ? { publishedVersion: 1, publishedAt: step.fact.at } : {}),
      });
      await updateVersion(trx, id, 1, { state: step.to, at: step.fact.at, ...(published ? { publishedAt: step.fact.at } : {}) });
      status = step.to;
    }
    await appendHistory(trx, id, { ...step.fact, version: 1, ...(step.reason ? { reason: step.reason } : {}), ...(step.checks ? { checks: step.checks } : {}) });
  }
}

export async function seedCataloguing(trx: Kysely<Schema>): Promise<void> {
  const at = (day: string, time = '09:30:00') => `2026-${day}T${time}.000Z`;
  await entry(trx, SEEDED_ENTRY_IDS.draft, DRAFT, [{ to: 'draft', fact: { action: 'created', ...STEWARD, at: at('11-20') } }]);
  await entry(trx, SEEDED_ENTRY_IDS.submitted, SUBMITTED, [
    { to: 'draft', fact: { action: 'created', ...STEWARD, at: at('11-18') } },
    { to: 'submitted', fact: { action: 'submitted', ...STEWARD, at: at('11-25', '15:10:00') } },
  ]);
  const returnReason = '摘要过于简略：请写明门诊的范围（含社区卫生服务中心）、数据来源和统计口径。';
  await entry(trx, SEEDED_ENTRY_IDS.returned, RETURNED, [
    { to: 'draft', fact: { action: 'created', ...STEWARD, at: at('11-10') } },
    { to: 'submitted', fact: { action: 'submitted', ...STEWARD, at: at('11-12') } },
    { to: 'returned', fact: { action: 'returned', ...OFFICE, at: at('11-14', '10:05:00') }, reason: returnReason, checks: { legality: true, privacy: true, security: false } },
  ]);
  await adoptSeededItems(trx);
  // Comments on the agency's first open entry, one answered by its steward.
  const openId = await firstOpenItem(trx, AGENCY.code);
  if (!openId) return;
  const question = await insertComment(trx, {
    id: 'comment-seed-001', itemId: openId, replyTo: null, text: '能否按区县分别提供？做区域卫生规划时很需要。',
    authorId: 'citizen-002', authorName: '李四', agency: null, at: at('11-02', '12:20:00'),
  });
  await insertComment(trx, {
    id: 'comment-seed-002', itemId: openId, replyTo: question.id, text: '感谢建议。分区县数据正在核对，计划于下一版本中增加。',
    authorId: 'steward-001', authorName: '吴九', agency: AGENCY, at: at('11-04', '09:00:00'),
  });
  await insertComment(trx, {
    id: 'comment-seed-003', itemId: openId, replyTo: null, text: '数据很及时，谢谢。',
    authorId: 'citizen-001', authorName: '张三', agency: null, at: at('11-06', '18:45:00'),
  });
}

/**
 * The agency's entries already in the catalog (the seed of §4) become its published catalogue
 * entries, version 1, with their fields' sensitivity from their data sets: the steward edits them
 * as any other (a new version while the published one stays visible).
 */
async function adoptSeededItems(trx: Kysely<Schema>): Promise<void> {
  const { items, fields, sets } = await agencyItems(trx, AGENCY.code);
  for (const item of items) {
    const set = sets.get(item.id);
    const kinds = new Map(((set ? JSON.parse(set.fields) : []) as Array<{ name: string; sensitivity: FieldSensitivity }>).map((c) => [c.name, c.sensitivity]));
    const input: CatalogueEntryInput = {
      name: item.name, summary: item.summary, sharing: item.sharing as CatalogueEntryInput['sharing'], open: item.open as CatalogueEntryInput['open'],
      updateFrequency: item.frequency as CatalogueEntryInput['updateFrequency'], formats: JSON.parse(item.formats) as string[], domain: item.domain, tags: JSON.parse(item.tags) as string[],
      fields: fields.filter((f) => f.item_seq === item.seq).map((f) => ({ name: f.name, label: f.label, type: f.type as FieldType, description: f.description, sensitivity: kinds.get(f.name) ?? 'none' })),
    };
    if (item.sharing_condition) input.sharingCondition = item.sharing_condition;
    if (item.legal_basis) input.legalBasis = item.legal_basis;
    if (set?.licence_name && set.licence_url) input.licence = { name: set.licence_name, url: set.licence_url };
    await insertEntry(trx, { id: item.id, agencyCode: AGENCY.code, status: 'published', input, at: item.published_at });
    await markPublished(trx, item.id, { publishedAt: item.published_at, updatedAt: item.updated_at }, ALL_CHECKS);
    await updateVersion(trx, item.id, 1, { publishedAt: item.published_at, at: item.updated_at });
    await appendHistory(trx, item.id, { action: 'published', ...OFFICE, version: 1, checks: ALL_CHECKS, at: item.published_at });
  }
}
