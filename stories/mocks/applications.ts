import type { HttpHandler } from 'msw';

/** Mocked API of the applications area, built from the server's seed data. */
export const applicationHandlers: HttpHandler[] = [];
