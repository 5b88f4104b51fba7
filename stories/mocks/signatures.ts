import type { HttpHandler } from 'msw';

/** Mocked API of the signatures area, built from the server's seed data. */
export const signatureHandlers: HttpHandler[] = [];
