import { http, HttpResponse, delay, type HttpHandler } from 'msw';
import { catalogSeed } from '../../server/seed/data/catalog';
import { CATALOGUE_LIMITS, type CatalogueComment, type CatalogueCommentInput } from '../../src/core/catalog-types';
import { maskName } from '../../server/data/desensitize';
import { apiError, storySubject } from './session';

/**
 * The public comments of SPEC §8 as the reference backend answers them, in memory: anyone
 * reads an open entry's comments in thread order, a signed-in person adds one, the providing
 * agency's steward answers. Stories choose faults with `setCommentMockFaults`.
 */

const SEED = catalogSeed();
/** An open entry of 浙江省卫生健康委员会, the agency of the seeded steward 吴九 (steward-001). */
export const COMMENTED_ITEM_ID = SEED.find((i) => i.agency.code === '330000-WJ' && i.open === 'open')!.id;
const AGENCY = SEED.find((i) => i.id === COMMENTED_ITEM_ID)!.agency;

let comments: CatalogueComment[] = [];
let faults: { list?: 'error' | 'slow' | 'empty' } = {};
let next = 1;

/** Back to the seed: a question of 张三, the agency's answer, and a comment of 李四 with markup (shown as text). */
export function resetCommentMocks(): void {
  faults = {};
  next = 4;
  comments = [
    { id: 'c-1', itemId: COMMENTED_ITEM_ID, text: '能否增加按地市统计的字段？目前只有全省汇总，\n基层使用不太方便。', author: '张*', at: '2026-11-20T02:15:00Z' },
    { id: 'c-2', itemId: COMMENTED_ITEM_ID, text: '感谢建议。下一版本将增加“所属地市”字段，预计下月发布。', author: '吴*', at: '2026-11-21T06:40:00Z', replyTo: 'c-1', agency: AGENCY },
    { id: 'c-3', itemId: COMMENTED_ITEM_ID, text: '<b>数据很有用</b> <script>alert(1)</script> https://example.org/a/very/long/link/that/must/wrap/on/a/phone/screen/without/overflowing', author: '李*', at: '2026-11-25T09:05:00Z' },
  ];
}
resetCommentMocks();

export function setCommentMockFaults(next: typeof faults): void {
  faults = { ...next };
}

const ordered = (itemId: string): CatalogueComment[] => {
  const mine = comments.filter((c) => c.itemId === itemId);
  const top = mine.filter((c) => !c.replyTo).sort((a, b) => a.at.localeCompare(b.at));
  return top.flatMap((c) => [c, ...mine.filter((a) => a.replyTo === c.id).sort((a, b) => a.at.localeCompare(b.at))]);
};

export const commentHandlers: HttpHandler[] = [
  http.get('*/api/catalog/items/:id/comments', async ({ params }) => {
    const item = SEED.find((i) => i.id === params.id);
    if (!item || item.open === 'closed') return apiError(404, 'NOT_FOUND', 'No such open entry');
    if (faults.list === 'slow') await delay('infinite');
    if (faults.list === 'error') return apiError(503, 'SERVER_ERROR', 'Injected failure');
    return HttpResponse.json({ items: faults.list === 'empty' ? [] : ordered(item.id) });
  }),
  http.post('*/api/catalog/items/:id/comments', async ({ request, params }) => {
    const item = SEED.find((i) => i.id === params.id);
    if (!item || item.open === 'closed') return apiError(404, 'NOT_FOUND', 'No such open entry');
    const subject = storySubject(request);
    if (!subject) return apiError(401, 'UNAUTHENTICATED', 'Sign-in is required');
    const body = (await request.json()) as Partial<CatalogueCommentInput>;
    const text = typeof body.text === 'string' ? body.text.trim() : '';
    if (!text || [...text].length > CATALOGUE_LIMITS.comment) {
      return Response.json(
        { error: { code: 'VALIDATION_FAILED', message: 'The comment is invalid', fields: [{ path: 'text', message: `意见内容须为 1–${CATALOGUE_LIMITS.comment} 个字` }] } },
        { status: 422 },
      );
    }
    const steward = subject.kind === 'steward' && subject.agencyCode === item.agency.code;
    if (body.replyTo !== undefined && !steward) return apiError(403, 'FORBIDDEN', 'Only the providing agency answers comments');
    const comment: CatalogueComment = {
      id: `c-${next++}`,
      itemId: item.id,
      text,
      // The surname only, unless the author chose to show the full name (as the server does).
      author: body.showName === true ? subject.name : maskName(subject.name),
      at: new Date().toISOString(),
      ...(body.replyTo ? { replyTo: body.replyTo } : {}),
      ...(body.replyTo && steward ? { agency: item.agency } : {}),
    };
    comments.push(comment);
    return HttpResponse.json(comment, { status: 201 });
  }),
];
