import type { HttpHandler } from 'msw';

/** Mocked API of the certificates area, built from the server's seed data. */
export const certificateHandlers: HttpHandler[] = [];
