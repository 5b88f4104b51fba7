import { Hono } from 'hono';
import { publicSubject, requireSubject } from '../auth';
import { problems } from '../errors';
import { readObject } from '../http';
import type { AppEnv, Deps } from '../env';
import { loadSubject } from '../store/subjects';

/** Demo sign-in (SPEC §3): only when demo mode is on; the demo subjects only (given at start, `Deps.demoSubjects`). */
export function authRoutes({ store, tokens, settings, demoSubjects = [] }: Deps) {
  const app = new Hono<AppEnv>();

  app.post('/auth/demo-login', async (c) => {
    if (!settings.demo) throw problems.notFound('Demo login is switched off');
    const body = await readObject(c);
    const subjectId = body.subjectId;
    if (typeof subjectId !== 'string' || !demoSubjects.some((s) => s.id === subjectId)) {
      throw problems.badRequest('Unknown demo subject', [{ path: 'subjectId', message: 'Unknown demo subject' }]);
    }
    const subject = await loadSubject(store.db, subjectId);
    if (!subject) throw problems.notFound('Unknown subject');
    const { token, expiresAt } = tokens.issue(subject.id, settings.tokenTtl);
    return c.json({ token, expiresAt, subject: publicSubject(subject) });
  });

  app.get('/auth/me', (c) => c.json({ subject: publicSubject(requireSubject(c)) }));

  app.get('/auth/demo-subjects', (c) => {
    if (!settings.demo) throw problems.notFound('Demo login is switched off');
    return c.json(demoSubjects.map((s) => ({ id: s.id, name: s.name, kind: s.kind, agencyCode: s.agencyCode })));
  });

  return app;
}
