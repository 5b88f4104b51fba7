import type { TestProject } from 'vitest/node';
import { startReferenceServer } from '../support/reference-server.mjs';

/** One reference backend (fresh database, built bundle) for every end-to-end test. */
export default async function setup(project: TestProject) {
  const server = await startReferenceServer();
  project.provide('baseURL', server.origin);
  return () => server.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
  }
}
