// What every web-test-runner config shares, whichever browser it drives: the real reference
// backend (a fresh database) behind /api, the /__fault/... proxy that makes it slow, broken,
// unreachable or tampered with, a token route for sign-in-loss tests, a fake UKey middleware,
// and the dev-server plugins. Started once per run; stopped when the run ends.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';
import { startReferenceServer } from './reference-server.mjs';
import { startFakeUkey } from './fake-ukey.mjs';
import { viewportPlugin } from './other-browsers.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TOKEN_SECRET = 'web-test-runner';

/**
 * The config common to every browser: pass the browsers (launchers), the files, and any
 * extra plugins. Starts the backend and the fake UKey before it returns.
 */
export async function browserTestConfig({ browsers, files = ['tests/browser/**/*.test.ts'], plugins = [], testFramework = {}, ...rest }) {
  const backend = await startReferenceServer({ EGOV_SECRET: TOKEN_SECRET });
  for (const signal of ['exit', 'SIGINT', 'SIGTERM']) process.once(signal, () => void backend.stop());
  register();
  const { TokenService } = await import('../../server/auth.ts');

  /** `/__token/expired/<subjectId>`: a token the backend issued and that has expired, for sign-in-loss tests. */
  async function expiredToken(ctx, next) {
    const match = /^\/__token\/expired\/([\w-]+)$/.exec(ctx.path);
    if (!match) return next();
    ctx.type = 'application/json';
    ctx.body = JSON.stringify({ token: new TokenService(TOKEN_SECRET).issue(match[1], 60, Date.now() - 3_600_000).token });
  }
  // A fake UKey middleware on a loopback WebSocket; tests read its port from /__ukey-port.
  const ukey = await startFakeUkey();
  for (const signal of ['exit', 'SIGINT', 'SIGTERM']) process.once(signal, () => void ukey.stop());
  async function ukeyPort(ctx, next) {
    if (ctx.path !== '/__ukey-port') return next();
    ctx.type = 'application/json';
    ctx.body = JSON.stringify({ port: ukey.port, publicKey: ukey.publicKey });
  }

  return {
    rootDir: ROOT,
    files,
    nodeResolve: { exportConditions: ['browser', 'development'] },
    // One test file at a time: keyboard and focus tests must not share the browser with another page.
    concurrency: 1,
    concurrentBrowsers: 1,
    testsFinishTimeout: 300_000,
    ...rest,
    testFramework: { config: { timeout: 20_000, ...testFramework } },
    middleware: [expiredToken, ukeyPort, faultProxy(backend.origin)],
    plugins: [nodeBuiltinsStub, esbuildPlugin({ ts: true, target: 'es2022', tsconfig: fileURLToPath(new URL('../../tsconfig.json', import.meta.url)) }), viewportPlugin, axNodePlugin, touchTapPlugin, ...plugins],
    browsers,
  };
}

/**
 * `egov-ax-node`: what Chromium's accessibility tree says of the element the page put in
 * `window.__egovAxProbe` (role, name, description, properties such as invalid and live, and
 * the text of its children), read over the DevTools protocol. Other browsers answer false.
 */
const axNodePlugin = {
  name: 'egov-ax-node',
  async executeCommand({ command, session }) {
    if (command !== 'egov-ax-node') return undefined;
    if (session.browser.type !== 'playwright') return false; // (null would read as "not handled")
    const page = session.browser.getPage(session.id);
    const cdp = await page.context().newCDPSession(page);
    try {
      const { result } = await cdp.send('Runtime.evaluate', { expression: 'window.__egovAxProbe' });
      if (!result.objectId) throw new Error('egov-ax-node: window.__egovAxProbe is not an element');
      const { node: dom } = await cdp.send('DOM.describeNode', { objectId: result.objectId });
      const { nodes } = await cdp.send('Accessibility.getPartialAXTree', { objectId: result.objectId, fetchRelatives: true });
      const self = nodes.find((n) => n.backendDOMNodeId === dom.backendNodeId);
      if (!self) return { role: '', name: '', description: '', ignored: true, properties: {}, text: '' };
      const text = nodes.filter((n) => self.childIds?.includes(n.nodeId)).map((n) => n.name?.value ?? '').join('');
      return {
        role: self.role?.value ?? '',
        name: self.name?.value ?? '',
        description: self.description?.value ?? '',
        ignored: !!self.ignored,
        properties: Object.fromEntries((self.properties ?? []).map((p) => [p.name, p.value?.value])),
        text,
      };
    } finally {
      await cdp.detach();
    }
  },
};

/**
 * `egov-touch-tap` `{ x, y }`: a finger's tap at a viewport point (press, a short hold,
 * release), as a phone's touch screen sends it: touch events, then the mouse events and the
 * click the browser makes of them.
 */
const touchTapPlugin = {
  name: 'egov-touch-tap',
  async executeCommand({ command, payload, session }) {
    if (command !== 'egov-touch-tap') return undefined;
    const { x, y } = payload;
    if (session.browser.type === 'webdriver') {
      await session.browser.driver.performActions([{ type: 'pointer', id: 'finger', parameters: { pointerType: 'touch' }, actions: [
        { type: 'pointerMove', duration: 0, x, y }, { type: 'pointerDown', button: 0 }, { type: 'pause', duration: 60 }, { type: 'pointerUp', button: 0 },
      ] }]);
      await session.browser.driver.releaseActions();
      return true;
    }
    const page = session.browser.getPage(session.id);
    if (session.browser.type === 'puppeteer') {
      await page.touchscreen.touchStart(x, y);
      await new Promise((r) => setTimeout(r, 60));
      await page.touchscreen.touchEnd();
      return true;
    }
    // Chromium: touch input over the DevTools protocol, with touch emulation so it makes mouse events and a click.
    const cdp = await page.context().newCDPSession(page);
    try {
      await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 1 });
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }] });
      await new Promise((r) => setTimeout(r, 60));
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    } finally {
      await cdp.detach();
    }
    return true;
  },
};

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

/** Applies `/__fault/<kind>/…/api/...` before passing the request on to the backend. */
function faultProxy(origin) {
  return async function proxy(ctx, next) {
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
      // busy-<seconds>: 429 with that Retry-After, as the server's rate limits answer.
      const busy = /^busy-(\d+)$/.exec(fault);
      if (busy) {
        ctx.status = 429;
        ctx.type = 'application/json';
        ctx.set('Retry-After', busy[1]);
        ctx.body = JSON.stringify({ error: { code: 'RATE_LIMITED', message: 'Too many requests' } });
        return;
      }
      const delay = /^delay-(\d+)$/.exec(fault);
      if (delay) await new Promise((r) => setTimeout(r, Number(delay[1])));
    }
    const headers = { ...ctx.headers };
    delete headers.host;
    delete headers['content-length'];
    const body = ['GET', 'HEAD'].includes(ctx.method) ? undefined : await readBody(ctx.req);
    const response = await fetch(origin + path + (ctx.querystring ? '?' + ctx.querystring : ''), { method: ctx.method, headers, body });
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
  };
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
