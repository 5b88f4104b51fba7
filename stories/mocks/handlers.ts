import { http, HttpResponse } from 'msw';
import { SUBJECTS } from '../../server/seed/data/subjects';
import { apiError, storySubject, storyToken } from './session';
import { catalogHandlers } from './catalog';
import { dataHandlers } from './catalog-data';
import { certificateHandlers } from './certificates';
import { signatureHandlers } from './signatures';
import { applicationHandlers } from './applications';
import { caseHandlers } from './cases';
import { catalogueEntryHandlers } from './catalog-editor';
import { commentHandlers } from './catalog-comments';

/**
 * The API as the reference backend answers it, built from the same seed data, so stories
 * need no server. Each area adds its own handlers in its own file.
 */
export const handlers = [
  http.post('*/api/auth/demo-login', async ({ request }) => {
    const { subjectId } = (await request.json()) as { subjectId?: string };
    const subject = SUBJECTS.find((s) => s.id === subjectId);
    if (!subject) return apiError(400, 'BAD_REQUEST', 'Unknown demo subject');
    return HttpResponse.json({ token: storyToken(subject.id), expiresAt: new Date(Date.now() + 7_200_000).toISOString(), subject });
  }),
  http.get('*/api/auth/me', ({ request }) => {
    const subject = storySubject(request);
    return subject ? HttpResponse.json({ subject }) : apiError(401, 'UNAUTHENTICATED', 'Sign-in is required');
  }),
  // Before the catalog's: its entries answer with the data additions of SPEC §7.
  ...dataHandlers,
  // Before the other areas: it answers the applications and certificates of its own cases only.
  ...caseHandlers,
  ...catalogueEntryHandlers,
  ...catalogHandlers,
  ...commentHandlers,
  ...certificateHandlers,
  ...signatureHandlers,
  ...applicationHandlers,
];
