// Element tests in the Debian Chromium, against the real reference backend: /api is
// proxied to a server started here with a fresh database. /__fault/... lets a test make
// that backend slow, broken, unreachable or tampered with, without mocking anything else.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { fileURLToPath } from 'node:url';
import { CHROME_ARGS, CHROME_PATH, assertChromium } from './tests/support/chromium.mjs';
import { startReferenceServer } from './tests/support/reference-server.mjs';
import { startFakeUkey } from './tests/support/fake-ukey.mjs';
import { register } from 'tsx/esm/api';

assertChromium();
const TOKEN_SECRET = 'web-test-runner';
const backend = await startReferenceServer({ EGOV_SECRET: TOKEN_SECRET });
register();
const { TokenService } = await import('./server/auth.ts');

/** `/__token/expired/<subjectId>`: a token the backend issued and that has expired, for sign-in-loss tests. */
async function expiredToken(ctx, next) {
  const match = /^\/__token\/expired\/([\w-]+)$/.exec(ctx.path);
  if (!match) return next();
  ctx.type = 'application/json';
  ctx.body = JSON.stringify({ token: new TokenService(TOKEN_SECRET).issue(match[1], 60, Date.now() - 3_600_000).token });
}
for (const signal of ['exit', 'SIGINT', 'SIGTERM']) process.once(signal, () => void backend.stop());
// A fake UKey middleware on a loopback WebSocket; tests read its port from /__ukey-port.
const ukey = await startFakeUkey();
for (const signal of ['exit', 'SIGINT', 'SIGTERM']) process.once(signal, () => void ukey.stop());
async function ukeyPort(ctx, next) {
  if (ctx.path !== '/__ukey-port') return next();
  ctx.type = 'application/json';
  ctx.body = JSON.stringify({ port: ukey.port, publicKey: ukey.publicKey });
}

// sm-crypto-v2 falls back to `import("crypto")` only where globalThis.crypto is missing
// (never in a browser); the dev server must still resolve that import, so it gets a stub.
const nodeBuiltinsStub = {
  name: 'node-builtins-stub',
  resolveImport({ source }) {
    if (source === 'crypto' || source === 'node:crypto') return '/__node-crypto-stub.js';
  },
  serve(ctx) {
    if (ctx.path === '/__node-crypto-stub.js') return { body: 'export const webcrypto = globalThis.crypto; export default { webcrypto };', type: 'js' };
  },
};

/** Applies `/__fault/<kind>/…/api/...` before passing the request on. */
async function proxy(ctx, next) {
  let path = ctx.path;
  if (!path.startsWith('/api/') && !path.startsWith('/__fault/')) return next();
  const faults = [];
  while (path.startsWith('/__fault/')) {
    const rest = path.slice('/__fault/'.length);
    const slash = rest.indexOf('/');
    faults.push(decodeURIComponent(rest.slice(0, slash)));
    path = rest.slice(slash);
  }
  for (const fault of faults) {
    if (fault === 'down') {
      ctx.req.socket.destroy();
      return;
    }
    if (fault === 'error500') {
      ctx.status = 500;
      ctx.type = 'application/json';
      ctx.body = JSON.stringify({ error: { code: 'SERVER_ERROR', message: 'Injected failure' } });
      return;
    }
    const delay = /^delay-(\d+)$/.exec(fault);
    if (delay) await new Promise((r) => setTimeout(r, Number(delay[1])));
  }
  const headers = { ...ctx.headers };
  delete headers.host;
  delete headers['content-length'];
  const body = ['GET', 'HEAD'].includes(ctx.method) ? undefined : await readBody(ctx.req);
  const response = await fetch(backend.origin + path + (ctx.querystring ? '?' + ctx.querystring : ''), { method: ctx.method, headers, body });
  let text = Buffer.from(await response.arrayBuffer());
  // rewrite-<base64url JSON { "json/pointer": value }>: alters the answer in transit.
  for (const fault of faults) {
    const rewrite = /^rewrite-(.+)$/.exec(fault);
    if (!rewrite) continue;
    const patch = JSON.parse(Buffer.from(rewrite[1], 'base64url').toString('utf8'));
    const json = JSON.parse(text.toString('utf8'));
    for (const [pointer, value] of Object.entries(patch)) setPointer(json, pointer, value);
    text = Buffer.from(JSON.stringify(json));
  }
  ctx.status = response.status;
  for (const [key, value] of response.headers) {
    if (!['content-length', 'content-encoding', 'transfer-encoding', 'connection', 'content-security-policy'].includes(key)) ctx.set(key, value);
  }
  ctx.body = text;
}

function setPointer(target, pointer, value) {
  const parts = pointer.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  let node = target;
  for (const part of parts.slice(0, -1)) node = node[part];
  node[parts.at(-1)] = value;
}

async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks);
}

export default {
  rootDir: fileURLToPath(new URL('.', import.meta.url)),
  files: ['tests/browser/**/*.test.ts'],
  nodeResolve: { exportConditions: ['browser', 'development'] },
  // One test file at a time: keyboard and focus tests must not share the browser with another page.
  concurrency: 1,
  concurrentBrowsers: 1,
  testsFinishTimeout: 300_000,
  testFramework: { config: { timeout: 20_000 } },
  middleware: [expiredToken, ukeyPort, proxy],
  plugins: [nodeBuiltinsStub, esbuildPlugin({ ts: true, target: 'es2022', tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)) })],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: { executablePath: CHROME_PATH, headless: true, args: CHROME_ARGS },
    }),
  ],
};
