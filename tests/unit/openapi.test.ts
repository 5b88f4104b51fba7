import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
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
  it('is a valid OpenAPI 3.1 document: Redocly\'s linter (recommended-strict, redocly.yaml) finds no problem', () => {
    const lint = spawnSync(process.execPath, ['node_modules/@redocly/cli/bin/cli.js', 'lint', 'api/openapi.yaml', '--format=stylish'], {
      encoding: 'utf8', env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
    });
    const problems = `${lint.stdout}\n${lint.stderr}`.split('\n').filter((line) => /^\s*\d+:\d+\s+(error|warning)\b/.test(line));
    expect(problems).toEqual([]);
    expect(lint.status, lint.stdout + lint.stderr).toBe(0);
  }, 60_000);

  it('describes every route the server registers, and nothing it does not', async () => {
    const registered = await registeredRoutes();
    const described = describedRoutes();
    expect([...registered].filter((r) => !described.has(r)), 'registered but not described').toEqual([]);
    expect([...described].filter((r) => !registered.has(r)), 'described but not registered').toEqual([]);
  });
});
