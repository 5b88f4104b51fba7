import type { HttpHandler } from 'msw';

/** Mocked API of the catalog area, built from the server's seed data. */
export const catalogHandlers: HttpHandler[] = [];
