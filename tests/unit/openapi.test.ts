import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { createApp } from '../../server/app';
import { TokenService } from '../../server/tokens';
import { openStore } from '../../server/store/database';
import { settingsFromEnv } from '../../server/main';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

async function registeredRoutes(): Promise<Set<string>> {
  const store = await openStore({ sqliteFile: ':memory:' });
  const app = createApp({ store, tokens: new TokenService('x'), settings: { ...settingsFromEnv({}), log: false } });
  const routes = new Set<string>();
  for (const route of app.routes) {
    const method = route.method.toLowerCase();
    if (!METHODS.includes(method) || !route.path.startsWith('/api/') || route.path.endsWith('*')) continue;
    routes.add(`${method} ${route.path.slice(4).replace(/:(\w+)(\{[^}]*\})?/g, '{$1}')}`);
  }
  await store.close();
  return routes;
}

function describedRoutes(): Set<string> {
  const doc = parse(readFileSync('api/openapi.yaml', 'utf8')) as { openapi: string; paths: Record<string, Record<string, unknown>> };
  expect(doc.openapi).toMatch(/^3\.1\./);
  const routes = new Set<string>();
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of Object.keys(item)) if (METHODS.includes(method)) routes.add(`${method} ${path}`);
  }
  return routes;
}

describe('api/openapi.yaml', () => {
  it('describes every route the server registers, and nothing it does not', async () => {
    const registered = await registeredRoutes();
    const described = describedRoutes();
    expect([...registered].filter((r) => !described.has(r)), 'registered but not described').toEqual([]);
    expect([...described].filter((r) => !registered.has(r)), 'described but not registered').toEqual([]);
  });
});
