import { SUBJECTS } from '../../server/seed/data/subjects';

/** Stories sign in with a readable token the mock handlers understand. */
export function storyToken(subjectId: string): string {
  return 'story.' + subjectId;
}

/** The demo subject a mocked request comes from, read from its bearer token. */
export function storySubject(request: Request) {
  const match = /^Bearer story\.([\w-]+)$/.exec(request.headers.get('authorization') ?? '');
  return match ? SUBJECTS.find((s) => s.id === match[1]) : undefined;
}

export function apiError(status: number, code: string, message: string) {
  return Response.json({ error: { code, message } }, { status });
}
